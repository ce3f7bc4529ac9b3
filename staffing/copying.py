"""The organisation of one edition copied into another (reports.copying): next year, or N times larger.

Teams grow with the organisation: a synthetic edition has `factor` of each team with its 주요업무,
people and posts; offices and headquarters exist once. 정원, 현원 and 계약직 are dated and shared by
every year, so they are not copied.
"""
from staffing.models import DutyGroup, DutyItem, OrgUnit, Person, Post


def grows(unit) -> bool:
    return unit.kind == OrgUnit.Kind.TEAM


def parents_first(units):
    """The units in generations: roots first, then their children … A unit whose parent is not among
    them counts as a root; so does the first of a loop of parents written around the form."""
    pending, placed = list(units), set()
    known = {unit.pk for unit in units}
    while pending:
        ready = [u for u in pending if u.parent_id is None or u.parent_id in placed or u.parent_id not in known]
        ready = ready or pending[:1]
        yield ready
        placed.update(u.pk for u in ready)
        pending = [u for u in pending if u.pk not in placed]


def copy_org(plan):
    """The org tree, parents before children, then each unit's 주요업무 groups and items."""
    units = list(OrgUnit.objects.filter(edition=plan.source).order_by("order", "pk"))
    groups = list(DutyGroup.objects.filter(unit__edition=plan.source).prefetch_related("items").order_by("unit", "order", "pk"))
    for copy in plan.copy_numbers():
        copied = [u for u in units if copy == 0 or grows(u)]
        for generation in parents_first(copied):
            new_units = plan.save(OrgUnit, [
                OrgUnit(edition=plan.target, parent=plan.new(OrgUnit, u.parent_id, copy), name=plan.name(u.name, copy),
                        kind=u.kind, order=u.order + copy * 100)
                for u in generation
            ])
            plan.remember(OrgUnit, copy, generation, new_units)
        copied_ids = {u.pk for u in copied}
        copied_groups = [g for g in groups if g.unit_id in copied_ids]
        new_groups = plan.save(DutyGroup, [
            DutyGroup(unit=plan.new(OrgUnit, g.unit_id, copy), heading=g.heading, order=g.order) for g in copied_groups
        ])
        plan.save(DutyItem, [
            DutyItem(group=new, text=item.text, order=item.order)
            for group, new in zip(copied_groups, new_groups) for item in group.items.all()
        ])


def copy_people(plan):
    """People and their posts: those of teams once per copy, the others (and people without a post) once."""
    people = list(Person.objects.filter(edition=plan.source).order_by("pk"))
    posts = list(Post.objects.filter(person__edition=plan.source).select_related("unit").order_by("pk"))
    for copy in plan.copy_numbers():
        copied_posts = [p for p in posts if copy == 0 or grows(p.unit)]
        holders = {p.person_id for p in copied_posts}
        copied_people = [p for p in people if copy == 0 or p.pk in holders]
        new_people = plan.save(Person, [
            Person(edition=plan.target, name=p.name, phone=p.phone, grade_id=p.grade_id, employment=p.employment)
            for p in copied_people
        ])
        plan.remember(Person, copy, copied_people, new_people)
        new_posts = plan.save(Post, [
            Post(person=plan.new(Person, p.person_id, copy), unit=plan.new(OrgUnit, p.unit_id, copy), title=p.title,
                 is_head=p.is_head, order=p.order)
            for p in copied_posts
        ])
        plan.remember(Post, copy, copied_posts, new_posts)


COPIERS = (copy_org, copy_people)
