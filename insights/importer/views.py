"""The admin's "Import insight" view: upload a file or paste text; a draft opens in the page editor."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .document import ImportFailed
from .forms import ImportForm, index_pages_for
from .pages import import_article


class ImportInsightView(WagtailAdminTemplateMixin, FormView):
    form_class = ImportForm
    template_name = "insights/admin/import.html"
    page_title = "Import insight"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.parents = index_pages_for(request.user)
        if not self.parents:
            raise PermissionDenied("You may not add insights under any insights index.")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "parents": self.parents}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse("insights_import"),
            submit_button_label="Import as draft",
            submit_button_active_label="Importing…",
        )
        return context

    def form_valid(self, form):
        source = form.cleaned_data["source"]
        try:
            # A draft: never published from here; an editor reviews it in the page editor first.
            report = import_article(
                source.text,
                parent=form.cleaned_data["parent"],
                name=source.name,
                fmt=form.cleaned_data["format"],
                user=self.request.user,
                warnings=source.warnings,
            )
        except ImportFailed as error:
            where = "the pasted text" if source.name.startswith("<") else source.name
            form.add_error(None, f"{where}: {error}")
            return self.form_invalid(form)
        summary, *details = report.lines()
        messages.success(self.request, summary)
        for line in details:
            level = messages.INFO if line.strip().startswith("link made") else messages.WARNING
            messages.add_message(self.request, level, line.strip())
        return redirect("wagtailadmin_pages:edit", report.page_id)
