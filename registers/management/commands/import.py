from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from registers.imports import AlreadyImported, import_file
from registers.models import ImportStatus
from registers.reading import FileRefused

from ._common import acting_user, register_arg


class Command(BaseCommand):
    help = "导入台账（.xlsx/.xls/.csv）：uniondesk import REGISTER FILE [--as USERNAME]；有错误行时不写入，列出问题并以状态 1 退出"

    def add_arguments(self, parser) -> None:
        parser.add_argument("register")
        parser.add_argument("file")
        parser.add_argument("--as", dest="username", help="以该账号的范围和权限导入；缺省为根组织")

    def handle(self, *args: object, register: str, file: str, username: str | None, **options: object) -> None:
        declared = register_arg(register)
        user = acting_user(username)
        if user.pk and not user.writes_business_data:
            raise CommandError(f"账号“{user.username}”的角色无权导入数据")
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取文件“{file}”：{error.strerror}") from None
        try:
            log, problems = import_file(user=user, register=declared, file_name=path.name, data=data)
        except (FileRefused, AlreadyImported) as refusal:
            if isinstance(refusal, AlreadyImported):
                self.stdout.write(str(refusal))
                return
            raise CommandError(str(refusal)) from None
        for note in log.notes:
            self.stdout.write(note)
        if log.status != ImportStatus.DONE:
            for problem in problems:
                self.stdout.write(str(problem))
            raise CommandError(log.message or f"共 {len(problems)} 处问题，未写入任何数据。请改正后重新导入。")
        self.stdout.write(
            f"已导入“{declared.label}”{log.rows} 行（{log}）：新增 {log.created}，更新 {log.updated}，未变化 {log.unchanged}。")
