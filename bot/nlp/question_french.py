"""Private to bot.nlp.question: a manager who writes some or all of a question in French ("combien de
ratings la semaine dernière ?", "les pires moments ce mois-ci", "how is le parking depuis octobre") is
read as if the words were English. Only the words a question about moments, ratings, stories and windows
needs are translated (a glossary, phrases first), and only in a text with at least two French words, so
English that happens to contain "la" or "sur" is left alone."""

from __future__ import annotations

import re

# Words that say a text is (partly) French; two are needed before anything is translated, one of them not a
# short word that is also a name or English ("Des", "Le Roux", "sur")
_MARKERS = frozenset("""le la les l' du des une ce cet cette ces est sont quel quels quelle quelles combien depuis
    nos notre demain temps vérité été printemps automne hiver réception équipe classement addition réserve traitement
    semaine semaines mois année trimestre dernier dernière derniers dernières pire pires meilleur meilleurs
    meilleure meilleures commentaires avis histoires récits accueil stationnement attente médecin stp svp
    merci moi sur avec pour dans qui quoi comment était ont été aujourd'hui hier jours""".split())

_WEAK_MARKERS = frozenset("le la les l' du des une ce est sur qui moi avec pour dans".split())

_MONTHS = {"janvier": "january", "février": "february", "fevrier": "february", "mars": "march", "avril": "april",
           "mai": "may", "juin": "june", "juillet": "july", "août": "august", "aout": "august",
           "septembre": "september", "octobre": "october", "novembre": "november", "décembre": "december",
           "decembre": "december"}
_N = r"(\d{1,3})"
# Phrases before words: (pattern, English); applied in order
_PHRASES: tuple[tuple[str, str], ...] = (
    (rf"(?:les|ces)\s+{_N}\s+derniers\s+jours", r"the last \1 days"),
    (rf"(?:les|ces)\s+{_N}\s+dernières\s+semaines", r"the last \1 weeks"),
    (rf"(?:les|ces)\s+{_N}\s+derniers\s+mois", r"the last \1 months"),
    (r"est-ce\s+que|est-ce\s+qu'", ""), (r"qu'est-ce\s+qui", "what"),
    (r"comment\s+(?:ça|ca)\s+va\s+pour|comment\s+se\s+passe", "how is"),
    (r"moments?\s+de\s+v[ée]rit[ée]", "moments of truth"), (r"points\s+forts", "strengths"),
    (r"prises?\s+de\s+sang", "blood tests"), (r"attente\s+des\s+r[ée]sultats", "waiting for results"), (r"accueil\s+(?:à|a)\s+la\s+porte", "greeting at the door"),
    (r"quel\s+temps", "what weather"), (r"s'am[ée]liore(?:nt)?", "improving"),
    (rf"(?:l'|le\s+|l')?(?:été|ete)\s+(20\d\d)", r"summer \1"),
    (r"cet\s+(?:été|ete)", "this summer"), (r"cet\s+automne", "this autumn"), (r"cet\s+hiver", "this winter"),
    (r"ce\s+printemps", "this spring"),
    (r"la\s+semaine\s+derni[eè]re|la\s+semaine\s+pass[ée]e", "last week"),
    (r"le\s+mois\s+dernier|le\s+mois\s+pass[ée]", "last month"),
    (r"le\s+trimestre\s+dernier", "last quarter"),
    (r"l'ann[ée]e\s+derni[eè]re", "last year"),
    (r"cette\s+semaine(?:-ci)?", "this week"), (r"ce\s+mois(?:-ci)?", "this month"),
    (r"ce\s+trimestre(?:-ci)?", "this quarter"),
    (r"cette\s+ann[ée]e", "this year"), (r"aujourd'hui", "today"), (r"\bhier\b", "yesterday"),
    (r"depuis\s+le\s+d[ée]but", "since the beginning"), (r"depuis\s+toujours|de\s+tous\s+les\s+temps", "all time"),
    (r"depuis\s+(?:le\s+)?", "since "), (r"\b1er\b", "1st"),
    (r"combien\s+d[e']\s*", "how many "),
    (r"les\s+pires|le\s+pire|la\s+pire", "the worst"),
    (r"les\s+meilleur(?:e)?s|le\s+meilleur|la\s+meilleure", "the best"),
    (r"les\s+plus\s+faibles|le\s+plus\s+faible|la\s+plus\s+faible", "the weakest"),
    (r"les\s+plus\s+forts|le\s+plus\s+fort|les\s+points\s+forts", "the strongest"),
    (r"points\s+faibles", "weak points"),
    (r"la\s+salle\s+d'attente|salle\s+d'attente", "the waiting room"),
    (r"meilleures?\s+pratiques|bonnes\s+pratiques", "best practices"),
    (r"par\s+rapport\s+(?:à|au)|compar[ée]e?s?\s+(?:à|au|avec)", "compared to"),
    (r"s'il\s+(?:te|vous)\s+pla[iî]t|\bstp\b|\bsvp\b", "please"),
    (r"qu'est-ce\s+que|qu'est\s+ce\s+que", "what"),
    (r"\bqui\s+a\s+(?:partag[ée]|racont[ée]|envoy[ée])", "who shared"),
    (r"\bmontre[sz]?-moi\b|\bdonne[sz]?-moi\b", "show me"),
)
_WORDS = {
    "quels": "which", "quelles": "which", "quel": "which", "quelle": "which", "sont": "are", "est": "is",
    "comment": "how", "va": "is going", "vont": "are going", "quoi": "what", "qui": "who", "où": "where",
    "commentaires": "comments", "commentaire": "comment", "avis": "feedback", "retours": "feedback",
    "notes": "ratings", "évaluations": "ratings", "evaluations": "ratings",
    "histoires": "stories", "histoire": "story", "récits": "stories", "témoignages": "stories",
    "accueil": "reception", "stationnement": "parking", "attente": "waiting",
    "paiement": "payment", "caisse": "till", "résultats": "results", "resultats": "results",
    "rendez-vous": "appointment", "rdv": "appointment", "médecin": "doctor", "docteur": "doctor",
    "infirmière": "nurse", "tendance": "trend", "évolution": "trend", "pratiques": "practices", "clients": "customers",
    "semaine": "week", "semaines": "weeks", "mois": "month", "jours": "days", "jour": "day",
    "trimestre": "quarter", "année": "year", "dernier": "last", "dernière": "last", "derniers": "last",
    "sur": "about", "avec": "with", "pour": "for", "dans": "in", "et": "and", "ou": "or", "de": "of", "du": "of the",
    "des": "of the", "le": "the", "la": "the", "les": "the", "l'": "the ", "un": "a", "une": "a", "ce": "this",
    "cette": "this", "ces": "these", "mes": "my", "nos": "our", "notre": "our", "merci": "thanks",
    "pire": "worst", "pires": "worst", "meilleur": "best", "meilleurs": "best", "mieux": "better",
    "nos": "our", "enregistrement": "check in", "réception": "reception", "départ": "leaving", "irritant": "irritating",
    "irritants": "irritating", "examens": "tests", "addition": "bill", "resto": "restaurant", "classement": "ranking",
    "équipe": "team", "nombre": "number", "par": "by", "serveurs": "waiters", "serveuses": "waitresses",
    "cités": "mentioned", "citées": "mentioned", "marche": "works", "bien": "well", "réserve": "book",
    "réserver": "book", "traitement": "medication", "été": "summer", "printemps": "spring", "automne": "autumn",
    "hiver": "winter", "demain": "tomorrow", "aime": "like", "aiment": "like", "plaintes": "complaints",
    "comparer": "compare", "combien": "how many", "depuis": "since", "plus": "most", "y": "", "a-t-il": "are there",
    "il": "", "ya": "", "t-il": "", "eu": "had", "reçu": "received", "recu": "received",
    "partagé": "shared", "partagées": "shared", "mentionné": "mentioned", "mentionnée": "mentioned",
    **_MONTHS,
}
_PHRASE_RE = tuple((re.compile(p, re.IGNORECASE), e) for p, e in _PHRASES)
_WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)


def from_french(text: str) -> str:
    """`text` with its French words in English, when it has at least two French words; else unchanged."""
    parts = [p for w in _WORD.findall(text.lower()) for p in re.split(r"(?<=')|-", w) if p]  # "d'histoires", "mois-ci"
    found = [p for p in parts if p in _MARKERS]
    if len(found) < 2 or all(p in _WEAK_MARKERS for p in found):
        return text
    for pattern, english in _PHRASE_RE:
        text = pattern.sub(english, text)
    text = re.sub(r"\bl'(?=\w)", "the ", text, flags=re.IGNORECASE)
    text = re.sub(r"\bd'(?=\w)", "of ", text, flags=re.IGNORECASE)
    return _WORD.sub(lambda m: _WORDS.get(m.group(0).lower(), m.group(0)), text)
