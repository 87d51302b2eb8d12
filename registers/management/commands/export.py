from django.core.management.base import BaseCommand

from registers.services import register_export

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
        count = register_export(user=user, register=declared, target=file)
        self.stdout.write(f"已导出“{declared.label}”{count}行：{file}")
