"""Rows saved without a sort_order (load_seed used to make them) get the order they were added in: their card and
the API list ingredients and claims in the editor's order, the same on every database."""

from django.db import migrations


def number_unordered_rows(apps, schema_editor):
    for model_name in ("ProductIngredient", "ProductClaim"):
        model = apps.get_model("products", model_name)
        products = model.objects.filter(sort_order__isnull=True).values_list("product_id", flat=True).distinct()
        for product_id in products:
            rows = model.objects.filter(product_id=product_id).order_by("sort_order", "pk")
            for order, row in enumerate(rows):
                model.objects.filter(pk=row.pk).update(sort_order=order)


class Migration(migrations.Migration):
    dependencies = [("products", "0001_initial")]

    operations = [migrations.RunPython(number_unordered_rows, migrations.RunPython.noop)]
