"""Checks that a memo will be understood: each name leads to its own procedure.

Run by `memo-vocal valider` (through `loader`) once the memo is otherwise valid, with the
very understanding the assistant uses:
- every title and phrase must open its own procedure, not another, not a question, not a
  command, not « je n'ai pas compris »;
- two procedures must not have the same phrase once the leading little words are removed
  (« mes paiements » in one, « paiements » in another): only one of them could be reached;
- a `mots:` entry shared by more procedures than a question can offer never decides
  anything, and an entry made only of little words (« c'est quoi ») is never heard.
Every problem names the line to fix, in the writer's French.
"""

from __future__ import annotations

from assistant.conversation.commands import Command, CommandName
from assistant.conversation.guide import Guide
from assistant.conversation.topic_thresholds import MAX_CHOICES
from assistant.conversation.understanding import Understanding, normalize
from assistant.conversation.vocabulary import DETERMINERS, PHRASES
from assistant.guides.nodes import Issue, Located
from assistant.guides.schema import ProcedureDraft

_DETERMINERS = {normalize(d) for d in DETERMINERS} - {""}


def routing_issues(guide: Guide, drafts: list[ProcedureDraft]) -> list[Issue]:
    understanding = Understanding(guide)
    titles = {p.id: p.title for p in guide.procedures}
    issues: list[Issue] = []
    bare_owners: dict[str, tuple[ProcedureDraft, Located]] = {}
    for draft in drafts:
        if draft.procedure is None or draft.title is None:
            continue
        own = draft.procedure.id
        spoken = [(f"le titre de {draft.label}", draft.title)]
        spoken += [(f"la phrase « {p.text} » de {draft.short}", p) for p in draft.phrases]
        for said, located in spoken:
            got = understanding.understand(located.text)
            if got != Command(CommandName.OPEN_PROCEDURE, procedure_id=own):
                issues.append(Issue(located.line, _misrouted(said, got, titles)))
        for located in draft.phrases:
            _check_bare(draft, located, bare_owners, issues)
        for located in draft.words:
            message = _word_problem(understanding, located, draft)
            if message is not None:
                issues.append(Issue(located.line, message))
    return issues


def _misrouted(said: str, got: Command, titles: dict[str, str]) -> str:
    if got.name is CommandName.OPEN_PROCEDURE:
        other = titles.get(got.procedure_id or "", got.procedure_id)
        return f"{said} ouvre « {other} » : ajoutez des mots qui ne sont qu'à cette procédure."
    if got.name is CommandName.CHOOSE_PROCEDURE:
        names = " ou ".join(f"« {titles.get(c, c)} »" for c in got.choices)
        return (
            f"{said} ferait demander « {names} ? » : ajoutez un mot qui ne va qu'à cette procédure."
        )
    if got.name is CommandName.NOT_UNDERSTOOD:
        return f"{said} n'est pas comprise : écrivez-la avec des mots plus courants."
    phrases = PHRASES.get(got.name, ())
    command = phrases[0] if phrases else got.name.value
    return f"{said} est comprise comme la commande « {command} » : choisissez d'autres mots."


def bare_words(text: str) -> str:
    """The phrase without its leading little words: « mes paiements » → « paiements »."""
    words = normalize(text).split()
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    return " ".join(words)


def _check_bare(
    draft: ProcedureDraft,
    located: Located,
    owners: dict[str, tuple[ProcedureDraft, Located]],
    issues: list[Issue],
) -> None:
    key = bare_words(located.text)
    if not key:
        return
    other, first = owners.setdefault(key, (draft, located))
    if other is not draft:
        issues.append(
            Issue(
                located.line,
                f"la phrase « {located.text} » de {draft.short} et la phrase « {first.text} » "
                f"de {other.short} (ligne {first.line}) sont les mêmes mots, sans « le », "
                "« mes »… : une seule des deux procédures serait comprise.",
            )
        )


def _word_problem(
    understanding: Understanding, located: Located, draft: ProcedureDraft
) -> str | None:
    topics = understanding.topics
    tokens = topics.tokens(normalize(located.text))
    if not tokens:
        return (
            f"le mot « {located.text} » de {draft.short} n'est jamais pris en compte : il est "
            "trop courant (comme « le », « faire » ou « nouveau »). Retirez-le."
        )
    for token in tokens:
        owners = topics.owners(token)
        if len(owners) > MAX_CHOICES or (len(owners) > 1 and topics.weight(token) == 0):
            return (
                f"le mot « {located.text} » de {draft.short} est dans {len(owners)} procédures : "
                "il ne peut jamais dire laquelle est demandée. Gardez-le seulement là où il "
                "compte le plus."
            )
    return None
