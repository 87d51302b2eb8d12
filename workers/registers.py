"""The worker register (SPEC §2: workers 职工)."""

from __future__ import annotations

from core.declarations import Column, Follow, Register
from core.masking import mask_id_number, mask_mobile
from orgs.refs import EMPLOYER

from .filters import WorkerFilter
from .importing import after_write, prepare_worker
from .models import LabourContract, ModelWorkerLevel, Worker, WorkStatus

WORKERS = Register(
    slug="workers",
    label="职工",
    key="身份证号",
    columns=(
        Column("姓名", "name", required=True),
        Column("身份证号", "id_number", required=True, kind="code", mask=mask_id_number),
        Column("所在单位", "employer__credit_code", required=True, field="employer", ref=EMPLOYER,
               note="单位的统一社会信用代码或完整名称"),
        Column("手机号", "mobile", kind="code", mask=mask_mobile),
        Column("是否会员", "is_member", kind="bool", note="以会员台账为准：填“是”且会员台账中没有此人时新建会籍（在籍）"),
        Column("入会日期", "joined_on", kind="date"),
        Column("劳动合同", "labour_contract", required=True, choices=tuple(LabourContract.values)),
        Column("合同起始日期", "contract_start", kind="date"),
        Column("合同终止日期", "contract_end", kind="date", note="留空表示无固定期限"),
        Column("岗位", "post"),
        Column("劳模级别", "model_worker_level", choices=tuple(ModelWorkerLevel.values)),
        Column("在职状态", "status", choices=tuple(WorkStatus.values), default=WorkStatus.EMPLOYED, note="留空为“在职”"),
    ),
    queryset=lambda user: Worker.objects.visible_to(user).order_by("name", "id"),
    filterset=WorkerFilter,
    list_url="workers:worker-list",
    model=Worker,
    key_fields=("id_number",),
    prepare=prepare_worker,
    after_write=after_write,
    follows=(Follow("employer"),),
)

REGISTERS = [WORKERS]
