from django.db import migrations

from marsad.vocab import loader


def load(apps, schema_editor):
    loader.load_all(apps.get_model("vocab", "Term"), apps.get_model("vocab", "Country"))


class Migration(migrations.Migration):
    dependencies = [("vocab", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
