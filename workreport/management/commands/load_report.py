from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from workreport.loading import FixturesMissing, YearAlreadyLoaded, load_year


class Command(BaseCommand):
    help = "fixtures/<연도>/ 의 업무보고 데이터를 빈 연도에 불러옵니다."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)

    def handle(self, year, **options):
        try:
            edition = load_year(year)
        except (YearAlreadyLoaded, FixturesMissing) as error:
            raise CommandError(str(error))
        except (ValidationError, ValueError, LookupError) as error:
            # The loaders name the file and line; nothing was loaded (one transaction).
            messages = getattr(error, "messages", None) or [str(error)]
            raise CommandError("데이터를 불러오지 못했습니다. 아무것도 바뀌지 않았습니다.\n" + "\n".join(messages))
        self.stdout.write(self.style.SUCCESS(f"{edition} 데이터를 불러왔습니다."))
