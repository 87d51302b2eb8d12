"""Submissions from the public pages (诉求表达, no account): the tracking code and what came with it.

A ticket points at the record it created (a proposal, a mediation case, an assistance
application); the submitter sees that record's state and the reply, through the code only."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Ticket(models.Model):
    code = models.CharField("查询码", max_length=20, unique=True)
    kind = models.CharField("类型", max_length=20)  # public.kinds slug
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    mobile = models.CharField("联系手机号", max_length=11, blank=True)  # for a call-back; personal data, shown masked
    reply = models.TextField("答复", blank=True)  # what the submitter reads with the code
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    # kept in the database with the record (≤ 5 MB, type checked by content), never served publicly
    attachment = models.BinaryField("附件", blank=True, default=b"")
    attachment_name = models.CharField("附件文件名", max_length=120, blank=True)
    attachment_type = models.CharField("附件类型", max_length=40, blank=True)
    # set when the filing named a record that already existed (a 身份证号 with a membership): the
    # submitter reads this state, as a first filing would show, never the record's own; `note`
    # keeps what the form said, for the union that answers it
    standing = models.CharField("提交人所见状态", max_length=10, blank=True)
    note = models.TextField("提交内容", blank=True)

    class Meta:
        verbose_name = "公开提交"
        verbose_name_plural = "公开提交"
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind}#{self.pk}"


class Hit(models.Model):
    """One public request that counts against its address's limit (submissions, code lookups)."""

    action = models.CharField(max_length=10)
    address = models.CharField(max_length=64)  # a keyed hash of the IP: the limit needs no clear IP
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["address", "action", "at"])]

    def __str__(self) -> str:
        return f"{self.action}@{self.at:%Y-%m-%d %H:%M}"


class SpentChallenge(models.Model):
    """A solved challenge that filed a submission: a token files once (kept until it expires)."""

    digest = models.CharField(max_length=64, unique=True)  # sha256 of the token
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.digest[:12]
