"""`uniondesk demo --reset`: delete everything the demo holds, without per-row signals or history rows.

The registers come from the register catalogue, so a new register's rows go without being named
here; they are deleted in reverse catalogue order (a register refers only to those before it), each
with the rows that belong to its records (a contract's parties) and its history. The audit log goes
too: its entries seal the ids of the orgs they concern, so it cannot outlive them; a reset demo
starts a new log, whose first entry says the old one was cleared.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import models, transaction

from audit.models import Action
from audit.services import audit_log_clear, audit_record
from harmony.models import ScoringItem, ScoringTable
from indicators.models import FiledReport, ReportJob
from public.models import Ticket
from registers.catalog import registers
from registers.models import ImportLog
from reporting.models import FilingDue
from todo.models import Notification
from workflows.models import Transition

#: what the demo and its users fill besides the registers and the accounts, referring to them
FILLED = (Transition, Ticket, Notification, FilingDue, FiledReport, ReportJob, ImportLog, Session,
          ScoringItem.history.model, ScoringItem, ScoringTable.history.model, ScoringTable)


def wipe() -> None:
    with transaction.atomic():
        for model in FILLED:
            _empty(model)
        audit_log_clear()
        get_user_model().objects.all().delete()  # with their grants, devices and password history
        catalogue = [register.model for register in registers().values()]
        for model in reversed(catalogue):
            for owned in _owned_by(model, catalogue):
                _empty(owned)
            history = getattr(model, "history", None)
            if history is not None:
                _empty(history.model)
            _unlink_from_itself(model)
            _empty(model)
        audit_record(action=Action.DELETE, username="命令行", object_type="演示数据", object_repr="uniondesk demo --reset",
                     detail={"说明": "清空演示数据、账号、组织树和原审计日志"})


def _empty(model: type[models.Model]) -> None:
    model.objects.all()._raw_delete(model.objects.db)


def _owned_by(model: type[models.Model], catalogue: list[type[models.Model]]) -> list[type[models.Model]]:
    """The tables, not registers themselves, whose rows are deleted with a record of `model`."""
    return [relation.related_model for relation in model._meta.related_objects
            if relation.on_delete is models.CASCADE and relation.related_model not in catalogue]


def _unlink_from_itself(model: type[models.Model]) -> None:
    """Rows that point at rows of the same table (a renewal at the contract it renews) let go first."""
    links = [field.name for field in model._meta.concrete_fields
             if field.is_relation and field.related_model is model and field.null]
    if links:
        model.objects.update(**dict.fromkeys(links))
