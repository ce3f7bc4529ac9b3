"""The login form of the site."""
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    """Django's login form with a plainer Korean refusal than the stock translation."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "아이디 또는 비밀번호가 올바르지 않습니다. 대문자와 소문자를 구분합니다.",
    }
