from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


def states_of_old_filings(apps, schema_editor):
    """A filing made before versions is version 1: the root's stands 已定稿 (it has no parent), any
    other node's 已上报 (its parent has not yet received it)."""
    FiledReport = apps.get_model("indicators", "FiledReport")
    FiledReport.objects.filter(org__depth=1).update(state="已定稿")


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_reportjob"),
        ("orgs", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="filedreport", name="one_filed_report_per_org_and_year"
        ),
        migrations.AddField(
            model_name="filedreport",
            name="version",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="版本"),
        ),
        migrations.AddField(
            model_name="filedreport",
            name="state",
            field=models.CharField(
                choices=[
                    ("已上报", "已上报"),
                    ("已接收", "已接收"),
                    ("已退回", "已退回"),
                    ("已定稿", "已定稿"),
                ],
                default="已上报",
                max_length=3,
                verbose_name="状态",
            ),
        ),
        migrations.AddField(
            model_name="filedreport",
            name="on_behalf",
            field=models.BooleanField(default=False, verbose_name="代报"),
        ),
        migrations.AddField(
            model_name="filedreport",
            name="explanations",
            field=models.JSONField(blank=True, default=dict, verbose_name="提示说明"),
        ),
        migrations.AddField(
            model_name="filedreport",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="接收/退回时间"),
        ),
        migrations.AddField(
            model_name="filedreport",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="接收/退回人",
            ),
        ),
        migrations.AddField(
            model_name="filedreport",
            name="reason",
            field=models.TextField(blank=True, verbose_name="退回原因"),
        ),
        migrations.AddConstraint(
            model_name="filedreport",
            constraint=models.UniqueConstraint(
                fields=("org", "year", "version"), name="one_filed_report_version_per_org_and_year"
            ),
        ),
        migrations.AddIndex(
            model_name="filedreport",
            index=models.Index(
                fields=["year", "org", "version"], name="indicators__year_866557_idx"
            ),
        ),
        migrations.RunPython(states_of_old_filings, migrations.RunPython.noop),
    ]
