"""The admin's import form: a file or pasted text, its format, and the insights index to put it under."""

from django import forms
from django.core.exceptions import ValidationError

from .document import ImportFailed
from .sources import read_pasted, read_upload

FORMAT_CHOICES = [
    ("auto", "Detect (by file extension, else by content)"),
    ("text", "Plain text (copied from a web page)"),
    ("markdown", "Markdown"),
    ("html", "HTML"),
]


def index_pages_for(user):
    """The insights index pages `user` may add insights under."""
    from ..models import InsightIndexPage

    pages = InsightIndexPage.objects.all().order_by("path")
    return [page for page in pages if page.permissions_for_user(user).can_add_subpage()]


class ImportForm(forms.Form):
    file = forms.FileField(
        required=False,
        help_text="A .txt, .md or .html file. Re-importing the same file updates the page it made.",
    )
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Or paste the article: the first line is the title.",
    )
    format = forms.ChoiceField(choices=FORMAT_CHOICES, initial="auto")
    parent = forms.ModelChoiceField(
        queryset=None, empty_label=None, label="Add under", help_text="The insights index the article belongs to."
    )

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        from ..models import InsightIndexPage

        self.fields["parent"].queryset = InsightIndexPage.objects.filter(pk__in=[page.pk for page in parents])

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), (cleaned.get("text") or "")
        if upload and text.strip():
            raise ValidationError("Upload a file or paste text, not both.")
        if not upload and not text.strip():
            raise ValidationError("Upload a file or paste the article's text.")
        try:
            cleaned["source"] = read_upload(upload) if upload else read_pasted(text)
        except ImportFailed as error:
            name = upload.name if upload else "the pasted text"
            field = "file" if upload else "text"
            self.add_error(field, f"{name}: {error}")
        return cleaned
