"""The report page: a year's report made in the background and downloaded by whoever asked."""

from __future__ import annotations

import io

import docx
from django.urls import reverse

from audit.models import Action, AuditEntry
from indicators.models import ReportJob


def test_a_report_is_made_in_the_background_and_downloaded(login, district):
    client = login("qingbo_admin")
    job_page = client.post(reverse("indicators:report-start"), {"year": 2025, "fmt": "docx"}, follow=True)
    job = ReportJob.objects.get()
    assert job.status == "已完成" and job.org == district.qingbo  # the test settings run tasks at once
    assert "下载" in job_page.content.decode()
    response = client.get(reverse("indicators:report-download", args=[job.pk]))
    document = docx.Document(io.BytesIO(response.content))
    assert any("清波街道总工会2025年工会工作总结" in p.text for p in document.paragraphs)
    # its figures link to their drill-down pages at the address the page was opened at
    links = {rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")}
    assert f"http://testserver/indicators/proposals.submitted/?year=2025&org={district.qingbo.pk}" in links
    assert "attachment" in response["Content-Disposition"]
    assert AuditEntry.objects.filter(action=Action.EXPORT, object_type="年度报告").exists()


def test_a_waiting_report_polls_and_others_cannot_see_it(login, district, personas):
    job = ReportJob.objects.create(user=personas["qingbo_admin"], org=district.qingbo, year=2025, fmt="pdf")
    page = login("qingbo_admin").get(reverse("indicators:report-job", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in page.content.decode()
    assert login("hubin_admin").get(reverse("indicators:report-job", args=[job.pk])).status_code == 404
    assert login("district_admin").get(reverse("indicators:report-download", args=[job.pk])).status_code == 404


def test_reaching_for_another_users_report_is_audited_as_an_overreach(login, district, personas):
    job = ReportJob.objects.create(user=personas["qingbo_admin"], org=district.qingbo, year=2025, fmt="pdf",
                                   status=ReportJob.Status.DONE, content=b"%PDF")
    assert login("hubin_admin").get(reverse("indicators:report-job", args=[job.pk])).status_code == 404
    assert login("district_admin").get(reverse("indicators:report-download", args=[job.pk])).status_code == 404
    reached = AuditEntry.objects.filter(action=Action.DENIED).order_by("id")
    assert [(e.username, e.object_type) for e in reached] == [("hubin_admin", "报告生成"), ("district_admin", "报告生成")]
    # the owner's own report, and a number no report has, are no overreach
    assert login("qingbo_admin").get(reverse("indicators:report-job", args=[job.pk])).status_code == 200
    assert login("qingbo_admin").get(reverse("indicators:report-job", args=[job.pk + 100])).status_code == 404
    assert reached.count() == 2
