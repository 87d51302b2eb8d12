"""uniondesk auditcheck: the audit chain's check from the command line (cron, after a restore).

Exit 0 when every seal and link holds and the end of the log matches the last anchor; exit 1
otherwise, with what failed in words (the same check as the 审计员's page)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from audit.services import verify_chain


class Command(BaseCommand):
    help = "校验审计日志：逐条核对密钥封印与链接，再以锚点文件核对日志末尾；不通过时说明原因并以退出码 1 结束。"

    def handle(self, *args: Any, **options: Any) -> None:
        check = verify_chain()
        if not check.ok:
            raise CommandError(f"审计日志校验失败（已核对 {check.checked} 条）：{check.problem}")
        if not check.tail_checked:
            where = f"锚点文件 {check.anchor_file} 不存在或为空" if check.anchor_file else "未配置锚点文件（AUDIT_ANCHOR_FILE）"
            raise CommandError(f"审计日志共 {check.checked} 条，封印链完整；但{where}，无法确认末尾的日志未被删除。")
        anchored = f"，末尾与锚点（链上第 {check.anchor.seq} 条）一致" if check.anchor else ""
        self.stdout.write(f"审计日志校验通过：共 {check.checked} 条，封印链完整{anchored}。")
