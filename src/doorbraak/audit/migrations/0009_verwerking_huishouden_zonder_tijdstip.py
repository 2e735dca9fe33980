"""The household index of the processing log without the time of day (see Verwerking.Meta):
the new index is made before the old one goes, in the same transaction on PostgreSQL."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0008_verwerking_gemeente_zonder_databasesleutel")]
    operations = [
        migrations.AddIndex(
            model_name="verwerking",
            index=models.Index(fields=["gemeente", "huishouden_id"], name="verwerking_huishouden"),
        ),
        migrations.RemoveIndex(model_name="verwerking", name="audit_verwe_gemeent_fde67e_idx"),
    ]
