"""Topics learned from people's sentences: the last guess, asked rather than acted on.

The word layers (`topics`) know a procedure by its title, phrases and `mots:`; people mostly
say what happened to them instead (« le kiné, ils m'ont payé ou pas ? », « la crèche veut un
papier de la sécu »). A linear model (multinomial logistic regression) learned from
thousands of such sentences, with chatter and commands as classes of their own, reads the
stems and the letter groups of the words. It is trained by `scripts/train_topics.py` and
stored beside the memo (`<memo>.topics.json`); here it is only read and applied, in pure
Python. Its guess becomes a question (« Vous voulez : 1, … ? »), so a wrong guess costs one
« non », never a wrong step. One exception: a command the words missed, the model is sure
of, and the sentence is said to us (« Une minute, mon téléphone sonne, attendez »): it is
done, as a person would.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from assistant.conversation.command_reasons import coming
from assistant.conversation.commands import (
    LEAVING_COMMANDS,
    LIGHT_COMMANDS,
    SUGGESTABLE,
    TOPIC_NAMES,
    Command,
    CommandName,
)
from assistant.conversation.learned_thresholds import (
    AGREED_TO_US,
    CHATTER_SURE,
    CHATTER_VETO,
    COMMAND_SUGGESTED,
    CONTRADICTED,
    DONE_UNASKED,
    MIN_PROBABILITY,
    NAMED_DONE,
    NAMED_DONE_LEAVING,
    OTHER_TOPIC,
    SECOND_SHARE,
    SPEAKING_DONE,
)
from assistant.conversation.topic_thresholds import MAX_CHOICES
from assistant.conversation.wordforms import STOPS, stem

FORMAT = 3
"""Bumped whenever `features` or the labels change: another model is refused. 2: one label
per command instead of one for all. 3: pairs of neighbouring words (learned without the
sets measured: fresh17+18 topics 94.8 -> 96.9 %, commands 86.6 -> 87.4 %; fresh15+16 93.3 ->
96.5 % and 87.4 -> 88.2 %; chatter acting 0.7 -> 0.7 % and 0.0 -> 0.3 %)."""
CHATTER = "none"
"""The class of sentences not meant for the assistant."""
COMMAND_NAMES = frozenset(name.value for name in CommandName)
"""The other labels: one per command (« suivant », « plus fort »), the word layers' work."""
_GUESSED = SUGGESTABLE | {CommandName.QUIT}
"""Quitting is guessed too, and done even when not said to us, or when the words named a
procedure (« partir » is a word of « Se déconnecter »): it asks « Voulez-vous quitter ? »
itself (« euh j'arrête là, merci, je rentre chez moi »). Not said to us: +4 of 760 commands
on fresh15-18 (models learned without them), no chatter row of 600 nor of the old corpus's
246 (with the model of FORMAT 2, « salut » there was quitting). Behind « Se déconnecter »:
3 quit rows of fresh15-20 (learned without them), no topic row of any set."""
_GOING_ON = frozenset({CommandName.NEXT, CommandName.RESUME})
_GRAM_SIZES = (3, 4, 5)


def features(said: str) -> dict[str, float]:
    """What the model reads of normalised words: the stems of meaning-bearing words, their
    groups of 3 to 5 letters (which survive a misheard or misspelt ending), and each pair of
    neighbouring words, little ones included, with the start and end of the sentence
    (« moi où maintenant », « et après ? » hold no meaning-bearing word, but ask something).
    Each kind has unit length, so that long sentences weigh as much as short ones."""
    words = said.split()
    stems = [stem(word) for word in words if word not in STOPS]
    grams: Counter[str] = Counter()
    for word_stem in stems:
        padded = f" {word_stem} "
        for size in _GRAM_SIZES:
            for start in range(max(1, len(padded) - size + 1)):
                grams["c:" + padded[start : start + size]] += 1
    found = _unit({"w:" + word_stem: 1.0 for word_stem in stems})
    found.update(_unit({gram: 1.0 + math.log(count) for gram, count in grams.items()}))
    pairs = zip(("^", *words), (*words, "$"), strict=True)  # « ^_ou », « en_reste »
    found.update(_unit({f"p:{first}_{second}": 1.0 for first, second in pairs} if words else {}))
    return found


def _unit(values: dict[str, float]) -> dict[str, float]:
    length = math.sqrt(sum(value * value for value in values.values())) or 1.0
    return {key: value / length for key, value in values.items()}


@dataclass(frozen=True, eq=False)  # compared and hashed as one object: its table is a dict
class LearnedTopics:
    """A learned model: one score per class, summed from the weights of the features seen."""

    labels: tuple[str, ...]
    """Procedure ids, CHATTER and command names."""
    procedures: frozenset[str]
    """The labels that are procedure ids."""
    bias: tuple[float, ...]
    """One per label."""
    weights: Mapping[str, tuple[tuple[int, float], ...]]
    """For each feature, (label index, weight) pairs; small weights were pruned away."""

    def probabilities(self, said: str) -> dict[str, float]:
        """Each label's probability for normalised words `said`; {} when it holds no word."""
        seen = features(said)
        if not seen:
            return {}
        scores = list(self.bias)
        for feature, value in seen.items():
            for index, weight in self.weights.get(feature, ()):
                scores[index] += value * weight
        top = max(scores)
        exps = [math.exp(score - top) for score in scores]
        total = sum(exps)
        return {label: exp / total for label, exp in zip(self.labels, exps, strict=True)}

    @staticmethod
    def is_chatter(chances: Mapping[str, float], at_least: float = CHATTER_VETO) -> bool:
        """Whether `chances` (from `probabilities`) say the words are not meant for the
        assistant, with a probability of `at_least`."""
        return chances.get(CHATTER, 0.0) >= at_least

    def likeliest_topic(self, chances: Mapping[str, float]) -> tuple[str, float]:
        """The likeliest procedure and its probability; ("", 0.0) when nothing is known."""
        ranked = [(p, label) for label, p in chances.items() if label in self.procedures]
        chance, label = max(ranked, default=(0.0, ""))
        return label, chance

    def likeliest_command(self, chances: Mapping[str, float]) -> CommandName | None:
        """The command worth asking about when it is the likeliest label and sure enough."""
        best_label, best = max(chances.items(), key=lambda item: item[1], default=(CHATTER, 0.0))
        if best_label not in COMMAND_NAMES or best < COMMAND_SUGGESTED:
            return None
        return CommandName(best_label) if CommandName(best_label) in _GUESSED else None

    def guess(self, chances: Mapping[str, float]) -> tuple[str, ...] | CommandName | None:
        """The procedures worth asking about, likeliest first; or the command worth asking
        about; None when the likeliest label is chatter, or too unsure."""
        ranked = sorted(chances.items(), key=lambda item: -item[1])
        best_label, best = ranked[0] if ranked else (CHATTER, 0.0)
        if best_label in COMMAND_NAMES:
            return self.likeliest_command(chances)
        if best_label not in self.procedures or best < MIN_PROBABILITY:
            return None
        return tuple(
            label
            for label, chance in ranked[:2]
            if label in self.procedures and chance >= SECOND_SHARE * best
        )


def second_opinion(
    learned: LearnedTopics,
    found: Command,
    said: str,
    menu_order: Mapping[str, int],
    to_us: bool = False,
    named: Callable[[], frozenset[CommandName]] = frozenset,
    aside: Callable[[], bool] = lambda: True,
) -> Command:
    """What the word layers `found`, seen by the learned topics. Nothing understood: they may
    ask about one or two procedures, or a command. The command is done instead when the
    sentence is said `to_us`, or the model is very sure, or it is sure and the words name
    this command alone, or it only speaks and is sure enough (not for a story or of someone
    else: `aside()`); always provided the words (`named()`, read only then) name no other
    command and not this one (« ai, qu'est-ce que vous dites » is no help), which does not
    hold back a command that only speaks unless they name another that only speaks. A
    procedure about to open: asked about instead when they hear chatter. Procedures opened
    or offered: a command the model is sure of is done instead when said `to_us`, else
    suggested, the procedures kept for outside a step (`confirming.meant`); otherwise the
    model's likeliest procedure is offered too when it is sure of it."""
    if found.name in SUGGESTABLE and said:
        return _doubted(learned, found, said, to_us, named)
    if found.name not in (CommandName.NOT_UNDERSTOOD, *TOPIC_NAMES) or not said:
        return found
    chances = learned.probabilities(said)  # once: every question below reads the same
    if found.name is CommandName.NOT_UNDERSTOOD:
        guessed = learned.guess(chances)
        if guessed is CommandName.QUIT:  # it asks « Voulez-vous quitter ? » itself
            return Command(guessed)
        if isinstance(guessed, CommandName):
            speaking = guessed in LIGHT_COMMANDS and chances[guessed.value] >= SPEAKING_DONE
            bar = NAMED_DONE_LEAVING if guessed in LEAVING_COMMANDS else NAMED_DONE
            agreed = chances[guessed.value] >= bar and named() == {guessed}
            sure = chances[guessed.value] >= DONE_UNASKED or ((speaking or agreed) and not aside())
            sure = sure and not coming(tuple(said.split()))
            harmless = speaking and not (named() & LIGHT_COMMANDS) - {guessed}
            if (to_us or sure) and (_agrees(guessed, named()) or (sure and harmless)):
                return Command(guessed)
            asked = guessed in SUGGESTABLE  # quitting has its own question
            return Command(CommandName.SUGGEST, suggested=guessed) if asked else found
        if guessed is None and to_us and not aside():  # « J'suis largué, vous pouvez m'aider ? »
            agreed_command = _agreed_below(chances, named())
            return Command(agreed_command) if agreed_command else found
        choices = tuple(sorted(guessed or (), key=menu_order.__getitem__))
        return Command(CommandName.CHOOSE_PROCEDURE, choices=choices) if choices else found
    command = learned.likeliest_command(chances)
    if command is CommandName.QUIT:  # « je dois partir, on arrête »: not « Se déconnecter »
        return Command(command)  # and it asks itself
    if command is not None and command in SUGGESTABLE:
        if to_us and _agrees(command, named()):  # « attendez, le téléphone sonne »: done
            return Command(command)
        return replace(found, name=CommandName.SUGGEST, suggested=command)
    if learned.is_chatter(chances, CHATTER_SURE):  # « Les impôts locaux sont arrivés »
        return Command(CommandName.NOT_UNDERSTOOD)
    opening = found.name is CommandName.OPEN_PROCEDURE
    offered: tuple[str, ...] = (found.procedure_id or "",) if opening else found.choices
    if opening and learned.is_chatter(chances):
        return Command(CommandName.CHOOSE_PROCEDURE, choices=offered)
    other, chance = learned.likeliest_topic(chances)
    if chance < OTHER_TOPIC or other in offered or len(offered) >= MAX_CHOICES:
        return found
    choices = tuple(sorted((*offered, other), key=menu_order.__getitem__))
    return Command(CommandName.CHOOSE_PROCEDURE, choices=choices)


def _doubted(
    learned: LearnedTopics,
    found: Command,
    said: str,
    to_us: bool,
    named: Callable[[], frozenset[CommandName]],
) -> Command:
    """A command the word layers read in a sentence (not a whole phrase), while the model is
    sure of another: that one is asked about, or done when the words name it too and the
    sentence is said to us (« Vous criez dans mes oreilles, un peu moins » is no louder),
    quitting done as it asks itself. Never between going on and resuming, which the core
    tells apart by the pause. Sure it is chatter: the command read is asked about."""
    chances = learned.probabilities(said)
    if learned.is_chatter(chances, CONTRADICTED):  # « Le chauffage est trop fort ici »
        return replace(found, name=CommandName.SUGGEST, suggested=found.name)
    command = learned.likeliest_command(chances)
    sure = command is not None and chances[command.value] >= CONTRADICTED
    if not sure or command == found.name or {command, found.name} <= _GOING_ON:
        return found
    if (found.name, command) == (CommandName.EXPLAIN, CommandName.REPEAT):
        return found  # « répétez-le autrement »: explaining says the step again too
    if command is CommandName.QUIT:  # « Je reviendrai une autre fois, on arrête »: it asks
        return Command(command)
    if to_us and command in named():  # « pas compris, reformulez »: the words name it too
        return Command(command)
    return replace(found, name=CommandName.SUGGEST, suggested=command)


def from_data(data: object, procedure_ids: tuple[str, ...]) -> LearnedTopics:
    """A model from its JSON data, checked against the memo's procedures; ValueError with a
    French sentence for the memo's writer when it cannot be used."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("ce fichier n'a pas le format attendu : relancez scripts/train_topics.py")
    labels, bias, weights = data.get("labels"), data.get("bias"), data.get("weights")
    if not (isinstance(labels, list) and all(isinstance(label, str) for label in labels)):
        raise ValueError("la liste « labels » manque ou n'est pas une liste de noms")
    if not isinstance(bias, list) or len(bias) != len(labels) or not isinstance(weights, dict):
        raise ValueError("« bias » ou « weights » manque ou ne correspond pas aux « labels »")
    known = {*procedure_ids, CHATTER, *COMMAND_NAMES}
    unknown = [label for label in labels if label not in known]
    if unknown:
        raise ValueError(
            f"le modèle connaît des procédures absentes du mémo ({', '.join(unknown)}) : "
            "relancez scripts/train_topics.py"
        )
    try:
        table = {
            str(feature): tuple((int(index), float(weight)) for index, weight in pairs)
            for feature, pairs in weights.items()
        }
        bias_values = tuple(float(value) for value in bias)
    except (TypeError, ValueError):
        raise ValueError("un poids du modèle n'est pas un nombre") from None
    if any(not 0 <= index < len(labels) for pairs in table.values() for index, _ in pairs):
        raise ValueError("un poids du modèle renvoie à une classe qui n'existe pas")
    procedures = frozenset(labels) & frozenset(procedure_ids)
    return LearnedTopics(tuple(labels), procedures, bias_values, table)


def _agreed_below(
    chances: Mapping[str, float], named: frozenset[CommandName]
) -> CommandName | None:
    """The command that is the model's likeliest label, from AGREED_TO_US though below
    COMMAND_SUGGESTED, when the words name it and no other: two readings agree."""
    best_label, best = max(chances.items(), key=lambda item: item[1], default=(CHATTER, 0.0))
    if best_label not in COMMAND_NAMES or best < AGREED_TO_US:
        return None
    command = CommandName(best_label)
    return command if command in SUGGESTABLE and named == {command} else None


def _agrees(command: CommandName, named: frozenset[CommandName]) -> bool:
    """The words name no command, or this one among others (« je n'ai pas compris,
    expliquez autrement »: repeating and explaining, the model sure of explaining)."""
    return not named or command in named
