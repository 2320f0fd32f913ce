"""Drop the stored analysed text: the analyzer changed, so the index must be recomputed.

Words starting with a hamza-alef (إلكتروني) now keep their first letters whether or not they carry the article,
listed broken plurals (بنوك, مدارس …) share their singular's stem, and "بدون" is a stop word. Documents analysed
before would no longer match queries analysed now. The documents are deleted here (the FTS5 triggers follow);
after `migrate`, `indexer.index_if_empty` finds live revisions without an index and rebuilds it with the current
schema and analyzer.
"""

from django.db import migrations


def drop_documents(apps, schema_editor):
    apps.get_model("search", "Document").objects.all().delete()
    apps.get_model("search", "Term").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(drop_documents, migrations.RunPython.noop)]
