"""The seed catalogue: GLOW, its ingredients and its claims. The seed article lies beside this file."""

from pathlib import Path

ARTICLE = Path(__file__).with_name("balanced-gut-healthy-skin.txt")

INGREDIENTS = [
    {
        "slug": "ghk-cu",
        "name": "GHK-Cu",
        "inci_name": "Copper Tripeptide-1",
        "what_it_does": "A copper peptide that supports visible skin renewal.",
        "aliases": "copper peptide, copper tripeptide",
        "tags": ["peptide"],
    },
    {
        "slug": "snap-8",
        "name": "Snap-8",
        "inci_name": "Acetyl Octapeptide-3",
        "what_it_does": "A peptide that softens the look of expression lines.",
        "aliases": "",
        "tags": ["peptide"],
    },
    {
        "slug": "palmitoyl-peptides",
        "name": "Palmitoyl Peptides",
        "inci_name": "Palmitoyl Tripeptide-1, Palmitoyl Tetrapeptide-7",
        "what_it_does": "Signal peptides that support firmness and a resilient skin barrier.",
        "aliases": "peptides",
        "tags": ["peptide"],
    },
    {
        "slug": "hyaluronic-acid",
        "name": "Hyaluronic Acid",
        "inci_name": "Sodium Hyaluronate",
        "what_it_does": "Holds water in the skin for lasting hydration.",
        "aliases": "sodium hyaluronate",
        "tags": ["hydration"],
    },
]

SUBSTANTIATION = "GLOW formula specification and supplier certificates."

CLAIMS = [
    {"slug": "vegan", "text": "Vegan", "category": "ethical"},
    {"slug": "free-from-parabens", "text": "Free from parabens", "category": "free-from"},
    {"slug": "free-from-gmos", "text": "Free from GMOs", "category": "free-from"},
    {"slug": "free-from-synthetic-fragrances", "text": "Free from synthetic fragrances", "category": "free-from"},
    {"slug": "lightweight", "text": "Lightweight", "category": "sensory"},
    {
        "slug": "suitable-for-all-skin-types",
        "text": "Suitable for all skin types, including sensitive skin",
        "category": "suitability",
    },
]

PRODUCT = {
    "slug": "glow",
    "name": "GLOW",
    "product_type": "Multi-peptide serum",
    "tagline": "Targeted support for visible renewal and long-term skin health.",
    "blurb": (
        "A lightweight, vegan multi-peptide serum with GHK-Cu, Snap-8, Palmitoyl Peptides and "
        "Hyaluronic Acid that strengthens the barrier, enhances hydration and improves resilience."
    ),
    "description": (
        "<p>GLOW brings four actives together: GHK-Cu, Snap-8, Palmitoyl Peptides and Hyaluronic Acid. "
        "Its lightweight, vegan formula suits all skin types, including sensitive skin.</p>"
    ),
    "tags": ["serum", "peptides"],
}

ARTICLE_TAGS = ["gut-skin axis", "skin barrier", "hydration", "peptides"]
