from django.core.management.base import BaseCommand

from registers.xlsx import write_template

from ._common import register_arg


class Command(BaseCommand):
    help = "写出台账的空白导入模板（.xlsx）：uniondesk template REGISTER FILE"

    def add_arguments(self, parser) -> None:
        parser.add_argument("register")
        parser.add_argument("file")

    def handle(self, *args: object, register: str, file: str, **options: object) -> None:
        declared = register_arg(register)
        write_template(declared, file)
        self.stdout.write(f"已写出“{declared.label}”导入模板：{file}")
