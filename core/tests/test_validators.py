import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from core.masking import mask_id_number, mask_mobile
from core.validators import (
    id_birth_date,
    id_gender,
    validate_credit_code,
    validate_id_number,
    validate_mobile,
)

# Published specimen numbers whose check characters are known to be right.
VALID_IDS = ["11010519491231002X", "440524188001010014", "330102199001011234"]
VALID_CODES = ["91350100M000100Y43", "91330000142916567N", "91110108551385082Q"]


@pytest.mark.parametrize("value", VALID_IDS)
def test_real_id_numbers_pass(value):
    assert validate_id_number(value) == value


def test_lower_case_x_is_accepted_and_normalised():
    assert validate_id_number("11010519491231002x") == "11010519491231002X"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("110105194912310021", "校验位错误"),
        ("11010519491231002", "应为18位"),
        ("1101051949123100AX", "前17位应为数字"),
        ("110105194902300023", "出生日期19490230不存在"),
        ("110105209912310024", "不合理"),
    ],
)
def test_bad_id_numbers_say_why_in_chinese(value, message):
    with pytest.raises(ValidationError) as exc:
        validate_id_number(value)
    assert message in str(exc.value)


def test_gender_and_birth_date_come_from_the_id():
    assert id_gender("11010519491231002X") == "女"
    assert id_gender("440524188001010014") == "男"
    assert id_birth_date("11010519491231002X") == dt.date(1949, 12, 31)


@pytest.mark.parametrize("value", VALID_CODES)
def test_real_credit_codes_pass(value):
    assert validate_credit_code(value) == value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("91350100M000100Y44", "校验位错误"),
        ("91350100M000100Y4", "应为18位"),
        ("91350100MO00100Y43", "不允许的字符：O"),
        ("9135A100M000100Y43", "行政区划码"),
    ],
)
def test_bad_credit_codes_say_why_in_chinese(value, message):
    with pytest.raises(ValidationError) as exc:
        validate_credit_code(value)
    assert message in str(exc.value)


@pytest.mark.parametrize("value", ["13812345678", "19912345678", "138 1234 5678"])
def test_mobile_numbers_pass(value):
    assert validate_mobile(value) == value.replace(" ", "")


@pytest.mark.parametrize("value", ["23812345678", "1381234567", "138123456789", "1381234567a"])
def test_bad_mobile_numbers_are_refused(value):
    with pytest.raises(ValidationError, match="11位"):
        validate_mobile(value)


def test_masks_keep_region_and_last_four():
    assert mask_id_number("330102199001011234") == "330102********1234"
    assert mask_mobile("13812345678") == "138****5678"
