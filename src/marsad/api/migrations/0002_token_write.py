import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("exchange", "0001_initial"),
        ("initiatives", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="TokenWrite",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("action", models.CharField(max_length=20)),
                (
                    "revision",
                    models.PositiveIntegerField(
                        help_text="the entry's latest revision after the write", null=True
                    ),
                ),
                ("at", models.DateTimeField(auto_now_add=True)),
                (
                    "entry",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="initiatives.entry",
                    ),
                ),
                (
                    "import_run",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="exchange.importrun",
                    ),
                ),
                (
                    "token",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="writes", to="api.apitoken"
                    ),
                ),
            ],
            options={"ordering": ["-at", "-id"]},
        ),
    ]
