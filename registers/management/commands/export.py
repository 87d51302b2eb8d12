from django.core.management.base import BaseCommand

from audit.models import Action
from audit.services import audit_record
from registers.services import register_export
from registers.xlsx import write_export

from ._common import acting_user, register_arg


class Command(BaseCommand):
    help = "导出台账（.xlsx）：uniondesk export REGISTER FILE [--as USERNAME]"

    def add_arguments(self, parser) -> None:
        parser.add_argument("register")
        parser.add_argument("file")
        parser.add_argument("--as", dest="username", help="以该账号的范围和权限导出；缺省为根组织")

    def handle(self, *args: object, register: str, file: str, username: str | None, **options: object) -> None:
        declared = register_arg(register)
        user = acting_user(username)
        if user.org is None:
            # an empty org tree (SPEC §6: a freshly migrated database): no subtree, nothing in one,
            # so the register's headers alone — audited as any export
            count = write_export(declared, iter(()), file, masked=False)
            audit_record(action=Action.EXPORT, username=user.username, object_type=declared.label,
                         object_repr=f"{declared.label}台账导出", detail={"行数": count, "脱敏": "否", "说明": "组织树为空"})
        else:
            count = register_export(user=user, register=declared, target=file)
        self.stdout.write(f"已导出“{declared.label}”{count}行：{file}")
