"""The command names shared by every layer. The vocabulary itself is filled in below."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class CommandName(str, enum.Enum):
    """Stable names, printed in `--json` output; never rename one."""

    NEXT = "next"
    PREVIOUS = "previous"
    REPEAT = "repeat"
    RESTART = "restart"
    MENU = "menu"
    HELP = "help"
    PAUSE = "pause"
    RESUME = "resume"
    SLOWER = "slower"
    FASTER = "faster"
    LOUDER = "louder"
    QUIETER = "quieter"
    WHERE = "where"
    EXPLAIN = "explain"
    SPELL = "spell"
    GOTO_STEP = "goto_step"
    OPEN_PROCEDURE = "open_procedure"
    CHOOSE_PROCEDURE = "choose_procedure"
    """The words fit two or three procedures about as well: the core asks which one."""
    SUGGEST = "suggest"
    """Not understood, but sounds like one command (`Command.suggested`): the core asks
    « Vous voulez que je répète ? » instead of doing it."""
    YES = "yes"
    NO = "no"
    QUIT = "quit"
    NOT_UNDERSTOOD = "not_understood"
    """Nothing matched well enough; printed as null in `--json` output."""
    SILENCE = "silence"
    """Sent by the listening loop after a long silence, never by a phrase."""


TOPIC_NAMES = (CommandName.OPEN_PROCEDURE, CommandName.CHOOSE_PROCEDURE)
"""The commands that name procedures: one opened, or two or three offered."""

SUGGESTABLE = frozenset({
    CommandName.NEXT, CommandName.PREVIOUS, CommandName.REPEAT, CommandName.RESTART,
    CommandName.MENU, CommandName.HELP, CommandName.PAUSE, CommandName.RESUME,
    CommandName.SLOWER, CommandName.FASTER, CommandName.LOUDER, CommandName.QUIETER,
    CommandName.WHERE, CommandName.EXPLAIN, CommandName.SPELL,
})  # fmt: skip
"""What SUGGEST may ask about: what a « oui » can safely confirm. Never quitting (it has its
own question), a step number, an answer, a procedure."""

ONLY_SPEAKING = frozenset({CommandName.REPEAT, CommandName.HELP, CommandName.WHERE})
"""Commands that change nothing, paused or not (the core answers them before the pause is
lifted): done on room talk, they cost one sentence, as « Je n'ai pas compris » does."""
LEAVING_COMMANDS = frozenset({CommandName.MENU, CommandName.RESTART})
"""They leave the step being read for the menu or the first step: when the words and the
learned model agree, done only from `learned_thresholds.NAMED_DONE_LEAVING` (« le menu du
jour », old corpus room talk, opened the menu from 0.9)."""
LIGHT_COMMANDS = ONLY_SPEAKING | {CommandName.FASTER, CommandName.SLOWER}
"""Done unasked from `learned_thresholds.SPEAKING_DONE`: they only speak, or change the speed,
which leaves the pause and a pending question as they are, is said aloud and undone by its
opposite. Volume is not among them: a wrong « plus fort » is heard by the whole room, and
with it the old corpus's « je n'entends pas bien de cette oreille » turned louder. Speed
added on fresh15-28 (each read with a model learned without it): +9 of 2,660 commands, no
chatter row."""


@dataclass(frozen=True)
class Command:
    """What the listener asked for, independent of how it was said."""

    name: CommandName
    step_number: int | None = None
    """1-based step for GOTO_STEP; also a menu number typed on the keyboard."""
    procedure_id: str | None = None
    """Target of OPEN_PROCEDURE; None with a `step_number` for a menu number typed on the
    keyboard, which the core reads as an answer when a question is open."""
    choices: tuple[str, ...] = ()
    """For CHOOSE_PROCEDURE: the procedure ids to offer, in menu order."""
    one_word: bool = field(default=False, compare=False)
    """OPEN or CHOOSE_PROCEDURE found from a single word, not a phrase: enough in the menu,
    too little to leave a step (a misheard « ensuite » may come out as « mensuel »). Not
    compared: it says how sure, not what was asked."""
    goes_on: bool = field(default=False, compare=False)
    """NEXT said as « continuez », « poursuivez »: after a pause it takes up the step where it
    stopped, as RESUME does, rather than skip the rest of it (« suivant » moves on). Not
    compared."""
    suggested: CommandName | None = None
    """For SUGGEST: the command the core asks about."""
    answer: CommandName | None = field(default=None, compare=False)
    """YES or NO when the sentence also holds a clear yes or no (« oui, j'ai terminé »,
    « d'accord », « surtout pas »): a yes-or-no question takes it as its answer, whatever
    else was heard, while « suivant » there is no answer. Elsewhere it is ignored. Not
    compared."""

    only_fillers: bool = field(default=False, compare=False)
    """NOT_UNDERSTOOD for words that ask for nothing (« merci », « euh », or « s'il vous
    plaît » left alone when a pause cut « suivant… s'il vous plaît » in two): not answered,
    so the reading goes on. Not compared."""

    def yes_or_no(self) -> CommandName | None:
        """YES or NO, heard as the answer to a yes-or-no question; None when neither."""
        if self.name in (CommandName.YES, CommandName.NO):
            return self.name
        return self.answer
