"""Phrases that announce boilerplate or links in flattened text, in several languages.

These are priors for the labeller, not deciders: each becomes a feature the model weighs
against everything else, except the "Read more:" lead-in, which the structure rules use to
find related links. Lists stay short on purpose; they name the habits of page templates, not
a vocabulary, and missing a language costs only the prior.
"""

from __future__ import annotations

import re

__all__ = ["PHRASE_PATTERNS", "READ_MORE_LEAD_IN", "TEMPLATE_PHRASES"]

_READ_MORE = (
    r"read more|read also|also read|more on this(?: story| topic)?|related(?: stories| articles"
    r"| links| content| posts)?|see also|more from [^:]{1,40}|you may also like"
    r"|lire aussi|à lire aussi|a lire aussi|voir aussi|lesen sie auch|mehr zum thema"
    r"|auch interessant"
    r"|leer más|lea también|lee también|leggi anche|vedi anche|leia também|veja também|lees ook"
    r"|читайте также|czytaj także|czytaj też|läs också|les også|læs også"
)
READ_MORE_LEAD_IN = re.compile(rf"^(?:{_READ_MORE})\s*(?:[:：»›>|\-–—]+\s*|$)", re.IGNORECASE)


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# name → pattern; each becomes a 0/1 feature "phrase_<name>"
PHRASE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("read_more", _words(rf"^(?:{_READ_MORE})\b|\b(?:read more|continue reading|weiterlesen"
                         r"|lire la suite|leer más|leggi tutto|ler mais|lees meer|подробнее)\b")),
    ("signup", _words(r"\b(?:sign ?up|subscribe|newsletter|inscri|abonn|suscr|iscriviti"
                      r"|assine|anmelden|registr|log ?in|sign ?in|einloggen|connexion"
                      r"|подпис)")),
    ("cookie", _words(r"\b(?:cookie|privacy|datenschutz|confidentialit|privacidad|gdpr"
                      r"|terms of (?:use|service)|nutzungsbedingungen|mentions légales)")),
    ("share", _words(r"\b(?:share|follow us|facebook|twitter|whatsapp|linkedin|pinterest"
                     r"|instagram|teilen|partager|compartir|condividi|compartilhar"
                     r"|e-?mail this)\b")),
    ("comments", _words(r"\b(?:comments?|kommentar|commentaires?|comentarios?|commenti|reply"
                        r"|antworten|répondre|responder|rispondi)\b")),
    ("rights", _words(r"©|\ball rights reserved\b|\btous droits\b|\balle rechte\b"
                      r"|\btodos los derechos\b|\bcopyright\b")),
    ("advert", _words(r"\b(?:advertisement|advertising|sponsored|anzeige|publicité|publicidad"
                      r"|pubblicità|werbung|promoted)\b")),
    ("credit", _words(r"^(?:photo|image|picture|foto|bild|credit|source|quelle|crédit|fuente)s?"
                      r"(?: credit)?\s*[:：]")),
)
# the phrases of a page's template, which a headline or a standfirst never holds
TEMPLATE_PHRASES = ("signup", "cookie", "rights", "share", "credit", "advert")
