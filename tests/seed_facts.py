"""What the seed article (insights/seed/balanced-gut-healthy-skin.txt) is known to contain."""

TITLE = "Balanced Gut, Healthy Skin: What Science Says About the Gut-Skin Axis"

SECTIONS = [
    "What Is the Gut-Skin Axis?",
    "What Happens When the Gut Is Out of Balance?",
    "Skin Conditions Linked to Gut Health",
    "How to Support Gut Health for Better Skin",
    "External Support Matters Too: Strengthening Skin from the Outside",
    "True Radiance Comes from Balance",
]
