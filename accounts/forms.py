"""The login forms of the site and of the admin."""
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from accounts.lockout import lock_minutes, tries_left

INVALID_LOGIN = "아이디 또는 비밀번호가 올바르지 않습니다. 대문자와 소문자를 구분합니다."


class LoginForm(AuthenticationForm):
    """Django's login form with a plainer Korean refusal than the stock translation, which also
    says how many tries are left before the account is locked on this computer."""

    error_messages = {**AuthenticationForm.error_messages, "invalid_login": INVALID_LOGIN}

    def get_invalid_login_error(self):
        return ValidationError(with_tries_left(INVALID_LOGIN, self), code="invalid_login")


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's login form (staff only), saying the same about the tries left."""

    def get_invalid_login_error(self):
        message = self.error_messages["invalid_login"] % {"username": self.username_field.verbose_name}
        return ValidationError(with_tries_left(message, self), code="invalid_login")


def with_tries_left(message: str, form) -> str:
    # django-axes has counted this failure already (user_login_failed is sent by authenticate).
    left = tries_left(form.request, form.cleaned_data.get("username", ""))
    if left > 0:
        message += (f" 이 컴퓨터에서 이 아이디로 {left}번 더 틀리면 {lock_minutes()}분 동안 "
                    "이 컴퓨터에서는 이 아이디로 로그인할 수 없습니다.")
    return message
