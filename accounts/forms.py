"""The login form of the site."""
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from accounts.lockout import lock_minutes, tries_left

INVALID_LOGIN = "아이디 또는 비밀번호가 올바르지 않습니다. 대문자와 소문자를 구분합니다."


class LoginForm(AuthenticationForm):
    """Django's login form with a plainer Korean refusal than the stock translation, which also
    says how many tries are left before the account is locked on this computer."""

    error_messages = {**AuthenticationForm.error_messages, "invalid_login": INVALID_LOGIN}

    def get_invalid_login_error(self):
        # django-axes has counted this failure already (user_login_failed is sent by authenticate).
        left = tries_left(self.request, self.cleaned_data.get("username", ""))
        message = INVALID_LOGIN
        if left > 0:
            message += (f" 이 컴퓨터에서 이 아이디로 {left}번 더 틀리면 {lock_minutes()}분 동안 "
                        "이 컴퓨터에서는 이 아이디로 로그인할 수 없습니다.")
        return ValidationError(message, code="invalid_login")
