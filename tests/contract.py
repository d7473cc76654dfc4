"""The public URL contract (shared/design.md): pages and section ids linked from outside."""

PAGES = {
    "": [],
    "basics/": ["what-is-a-cramp", "cramp-discharge", "types", "how-common"],
    "origin/": ["central", "peripheral"],
    "causes/": ["disease-related", "night-cramps", "exercise-cramps", "contributing-factors",
                "dehydration-and-electrolytes", "medicines", "medical-conditions"],
    "questions/": ["prepare"],
    "prevention/": ["reduce-load", "stretching", "plyometrics", "fluids-and-salt", "during-a-cramp", "night-cramps"],
    "magnesium/": ["older-adults", "pregnancy", "bottom-line"],
    "see-a-doctor/": ["urgent", "book-an-appointment", "blood-clot", "quinine"],
    "quiz/": [],
    "glossary/": [],
    "references/": [],
    "about/": [],
}

TOPIC_PAGES = ["basics/", "origin/", "causes/", "questions/", "prevention/", "magnesium/", "see-a-doctor/"]

# Flesch–Kincaid grade ceilings: plainer still where readers arrive worried or new.
GRADE_LIMITS = {page: 8.0 for page in PAGES} | {"": 7.0, "basics/": 7.0, "see-a-doctor/": 7.0}

# H2 sections that summarise or point elsewhere rather than state facts.
SECTIONS_WITHOUT_FACTS = {"key-points", "related-topics", "sources", "quiz", "topics", "about-this-site"}
