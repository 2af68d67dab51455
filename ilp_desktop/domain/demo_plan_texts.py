"""The words of the demo school's plans: goal ideas with their steps, progress notes, reasons
for dropping a goal, aspirations, postsecondary targets and plan steps, and the adults named.

Plain data for demo_plans.py. The goals are in the student's voice; placeholders in braces are
filled from what is known of each student (see ``Idea``).
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass

# --- Names --------------------------------------------------------------------------------------

TEACHERS = (
    "Ms. Okafor", "Mr. Lindqvist", "Ms. Ortiz", "Mr. Nakamura", "Ms. Haddad", "Mr. Kowalski",
    "Ms. Brennan", "Mr. Delgado", "Ms. Petrova", "Mr. Chen", "Ms. Mensah", "Mr. Fitzgerald",
    "Ms. Novak", "Mr. Rahman", "Ms. Johansson", "Mr. Whitaker", "Ms. Moreau", "Mr. Takahashi",
    "Ms. Quispe", "Mr. Gallagher", "Dr. Patel", "Ms. Romero", "Mx. Bergström", "Mr. Osei",
)  # fmt: skip
TUTORS = (
    "Mr. Baptiste", "Ms. Ferreira", "Ms. Kim (learning center)", "NHS peer tutor (Maya)",
    "NHS peer tutor (Diego)", "Ms. Whitfield", "Mr. Abebe",
)  # fmt: skip
MENTORS = (
    "Ms. Adeyemi (Big Brothers Big Sisters)", "Mr. Castillo (career mentor)", "Coach Reyes",
    "Ms. Sandoval (teacher mentor)", "Mr. Yilmaz (Rotary mentor)", "Ms. Dubois (college mentor)",
)  # fmt: skip
SUBJECT_OF_AREA: dict[str, str] = {
    "English": "English",
    "Mathematics": "math",
    "Science": "science",
    "Social studies": "social studies",
    "World languages": "language",
}
# The advanced course a strong student in each area aims for next.
NEXT_COURSE: dict[str, str] = {
    "English": "AP English Language and Composition",
    "Mathematics": "AP Calculus AB",
    "Science": "AP Biology",
    "Social studies": "AP U.S. History",
}
CREDENTIALS: dict[str, str] = {
    "Health Science": "CPR and First Aid certification",
    "Information Technology": "CompTIA IT Fundamentals certification",
    "Manufacturing": "OSHA 10 card",
    "Agriculture, Food and Natural Resources": "FFA Greenhand degree",
    "Hospitality and Tourism": "ServSafe Food Handler card",
    "Architecture and Construction": "NCCER Core certification",
    "Business Management and Administration": "Microsoft Office Specialist certification in Excel",
    "Arts, A/V Technology and Communications": "Adobe Certified Professional in Premiere Pro",
    "Transportation, Distribution and Logistics": "ASE Entry-Level certification",
    "Education and Training": "CPR and First Aid certification",
    "Law, Public Safety and Security": "CPR and First Aid certification",
}
MAJORS: dict[str, str] = {
    "R": "engineering",
    "I": "biology",
    "A": "graphic design",
    "S": "nursing",
    "E": "business",
    "C": "accounting",
}
LIKES: dict[str, str] = {
    "R": "building and fixing things",
    "I": "science and figuring things out",
    "A": "art and music",
    "S": "helping people",
    "E": "leading and selling",
    "C": "numbers and keeping things organized",
}
UNIVERSITIES = (
    "State University", "Northern State University", "Bay City University", "Lakeshore College",
    "Westbrook University", "Pine Ridge College",
)  # fmt: skip
COMMUNITY_COLLEGE = "Valley Community College"
TECH_COLLEGE = "Riverside Technical College"


# --- Goal ideas ---------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Idea:
    """A goal a student might set, with the steps that would go with it.

    Placeholders in braces are filled from what is known of the student; an idea needing one
    that is not known (no shortlist, no failed course) is not offered to that student.
    ``steps`` are (role, what, who); an empty who is filled in by role.
    """

    area: str
    statement: str
    measure: str
    months: tuple[int, int]
    steps: tuple[tuple[str, str, str], ...]
    grades: tuple[int, int] = (6, 12)
    when: str = ""  # a tag the student must have
    links_career: bool = False

    def fields(self) -> set[str]:
        texts = [self.statement, self.measure, *(what for _, what, _ in self.steps)]
        texts += [who for _, _, who in self.steps]
        return {name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name}


def _i(
    area: str,
    statement: str,
    measure: str,
    months: tuple[int, int],
    steps: Iterable[tuple[str, str] | tuple[str, str, str]],
    grades: tuple[int, int] = (6, 12),
    when: str = "",
) -> Idea:
    full = tuple((s[0], s[1], s[2] if len(s) > 2 else "") for s in steps)
    return Idea(area, statement, measure, months, full, grades, when, "{careers}" in statement)


IDEAS: tuple[Idea, ...] = (
    # Academic
    _i("academic", "Raise my {course} grade from {a_mark} to {a_target_mark} by {by}.",
       "{course} grade on each progress report", (2, 5), [
           ("student", "Go to {course} help sessions on Tuesdays and Thursdays"),
           ("teacher", "Send a missing-work list for {course} every Friday"),
           ("tutor", "Tutoring in {course} twice a week"),
           ("guardian", "Check the grade portal together every Sunday"),
           ("counselor", "Look at the {course} grade at the progress report and meet if it drops"),
       ]),
    _i("academic", "Turn in every {course} assignment on time this semester, with no more than "
       "2 late.", "Late and missing assignments in the grade portal", (2, 4), [
           ("student", "Write every assignment in my planner before leaving class"),
           ("teacher", "Post the week's assignments on the class page on Mondays"),
           ("guardian", "Sign the planner every Friday"),
           ("mentor", "Weekly check-in about missing work"),
       ]),
    _i("academic", "Recover the {failed_course} credit I lost by {by}.",
       "Credit recovery modules finished (out of 12) and the final mark", (3, 6), [
           ("counselor", "Enroll me in the online credit recovery course"),
           ("student", "Finish two credit recovery modules a week in the library"),
           ("teacher", "Check the modules and give the final test"),
           ("guardian", "Make sure there is quiet time at home for the modules"),
       ], grades=(10, 12)),
    _i("academic", "Read 20 minutes every night and reach grade level on the spring reading "
       "screener.", "Reading log minutes each week and the screener level", (3, 6), [
           ("student", "Keep a reading log and bring it on Fridays"),
           ("teacher", "Help me pick books at my level"),
           ("guardian", "Sign the reading log each week"),
           ("other", "Find two books I would like", "School librarian (Ms. Holt)"),
       ], grades=(6, 8)),
    _i("academic", "Move up one level on the English language proficiency test this spring.",
       "Proficiency level on the spring test", (5, 8), [
           ("student", "Practice English 20 minutes a day with the reading app"),
           ("teacher", "Give me the vocabulary list before each science unit"),
           ("tutor", "Conversation practice after school on Wednesdays"),
           ("guardian", "Ask about my English class at dinner once a week"),
       ], when="ell"),
    _i("academic", "Keep an A- or better in {course} so I can take {next_course} next year.",
       "Semester grade in {course}", (3, 7), [
           ("student", "Ask {teacher} what {next_course} expects"),
           ("teacher", "Write the recommendation for {next_course}"),
           ("counselor", "Put {next_course} on next year's course request"),
           ("guardian", "Go to the AP information night"),
       ], grades=(9, 11), when="high"),
    _i("academic", "Pass all my classes this semester with a C or better.",
       "Grades at each progress report", (2, 5), [
           ("student", "Stay for homework club on Mondays and Wednesdays"),
           ("counselor", "Meet every two weeks to look at grades"),
           ("mentor", "Weekly check-in about grades and homework"),
           ("tutor", "Math tutoring on Thursdays"),
           ("guardian", "Call the counselor when a grade drops below a C"),
       ], when="low"),
    _i("academic", "Keep my GPA at {gpa_target} or higher through the end of the year.",
       "GPA on the semester report card", (4, 8), [
           ("student", "Make a study schedule for finals week"),
           ("teacher", "Meet before the unit tests when I am unsure"),
           ("counselor", "Check my grades at the semester review"),
       ], grades=(9, 12)),
    _i("academic", "Raise my SAT score from {sat} to {sat_target} by the {by} test.",
       "SAT total score", (2, 6), [
           ("student", "Do one SAT practice lesson online every school day"),
           ("teacher", "Go over the math I missed on my practice test"),
           ("counselor", "Get a fee waiver for the next test date"),
           ("tutor", "SAT prep class on Saturday mornings"),
       ], grades=(11, 12)),
    _i("academic", "Use my accommodations in every class and ask for extra time on tests when "
       "I need it.", "Times I asked, logged with my case manager each week", (3, 6), [
           ("student", "Show each teacher my accommodations card in the first week"),
           ("other", "Check in about accommodations every Friday", "Case manager (Mr. Abernathy)"),
           ("teacher", "Remind me I can take tests in the resource room"),
           ("guardian", "Bring our questions to the IEP meeting"),
       ], when="iep"),
    # Career
    _i("career", "Find out what {careers} do all day by job shadowing one by {by}.",
       "Shadow day done and a one-page reflection", (2, 6), [
           ("other", "Find a job-shadow host", "Career center (Mr. Ibarra)"),
           ("student", "Write three questions to ask on the shadow day"),
           ("guardian", "Sign the permission form and drive me there"),
           ("counselor", "Go over my reflection with me"),
       ], grades=(8, 12)),
    _i("career", "Compare three ways to work in jobs like {careers}: the training, the cost "
       "and the time, by {by}.", "A comparison chart shared with my counselor", (1, 4), [
           ("student", "Look up training programs in the career library"),
           ("counselor", "Go over the comparison together"),
           ("teacher", "Give feedback on the chart in advisory"),
       ]),
    _i("career", "Talk with two people who work in jobs like {careers} about how they got "
       "started, by {by}.", "Two interviews done, notes in my folder", (2, 5), [
           ("mentor", "Introduce me to someone who works in the field"),
           ("student", "Send a thank-you note after each interview"),
           ("guardian", "Ask family friends who work in the field"),
       ], grades=(8, 12)),
    _i("career", "Earn the {credential} in my {pathway} class by {by}.",
       "Practice test scores each week, then the certification result", (3, 7), [
           ("teacher", "Run a practice test every Friday"),
           ("student", "Keep my practice scores in a log and retake the ones under 80 %"),
           ("counselor", "Pay the exam fee with the CTE voucher"),
           ("guardian", "Come to the pathway showcase night"),
       ], grades=(9, 12), when="cte"),
    _i("career", "Get a summer job or internship and work at least 60 hours by {by}.",
       "Hours on pay stubs or the internship log", (4, 9), [
           ("student", "Write my first resume"),
           ("counselor", "Practice a job interview with me"),
           ("other", "Send me internship openings", "Work-based learning (Ms. Castillo)"),
           ("guardian", "Sign my work permit form"),
       ], grades=(10, 12)),
    _i("career", "Finish the interest inventory and save three careers to research by {by}.",
       "Three careers on my shortlist", (1, 3), [
           ("student", "Finish the inventory in advisory"),
           ("counselor", "Go over my results with me"),
           ("teacher", "Give class time for career research"),
       ], grades=(6, 9), when="no_shortlist"),
    _i("career", "Build a resume and ask two adults to be my references by {by}.",
       "Resume checked by my counselor; two references agreed", (1, 4), [
           ("student", "Draft the resume from the template"),
           ("teacher", "Be one of my references"),
           ("counselor", "Review the resume with me"),
           ("mentor", "Practice interview questions with me"),
       ], grades=(11, 12)),
    _i("career", "Go to 6 meetings of {club} this semester to see if jobs like {careers} fit "
       "me.", "Meetings signed in on the club sheet", (2, 5), [
           ("student", "Sign up at the activities fair"),
           ("other", "Sign the attendance sheet each meeting", "Club advisor (Mr. Novak)"),
           ("mentor", "Ask me what I learned after each meeting"),
       ], grades=(9, 12)),
    # Personal and social-emotional
    _i("personal", "Be at school at least 95 % of days this semester: no more than 4 absences.",
       "Attendance report every two weeks", (2, 5), [
           ("student", "Set two alarms and lay out my clothes the night before"),
           ("guardian", "Call the attendance line by 9 a.m. on days I am sick"),
           ("other", "Check in with me every Monday morning", "Attendance team (Ms. Greene)"),
           ("counselor", "Look at the attendance report with me every two weeks"),
           ("mentor", "Morning check-in before first period"),
       ], when="attendance"),
    _i("personal", "Get to first period on time: no more than 3 tardies this quarter.",
       "Tardies in the attendance report", (1, 3), [
           ("student", "Leave home by 7:20 every morning"),
           ("guardian", "Wake me up at 6:30 on school days"),
           ("teacher", "Mark a star on my chart on on-time days"),
       ]),
    _i("personal", "Join one club or team this semester and go to at least 8 meetings.",
       "Meetings on the sign-in sheet", (2, 5), [
           ("student", "Go to the activities fair and pick a club"),
           ("counselor", "Check in about how the club is going"),
           ("other", "Welcome me at the first meeting", "Club advisor (Ms. Bell)"),
       ]),
    _i("personal", "Write down homework and tests in my planner every school day.",
       "Planner checked on Fridays: at least 4 of 5 days filled in", (1, 3), [
           ("student", "Fill in the planner at the end of each class"),
           ("teacher", "Check my planner at the end of advisory"),
           ("guardian", "Look at the planner with me on Sunday nights"),
       ]),
    _i("personal", "When I feel stressed, use one of my calming strategies and talk to a "
       "trusted adult.", "Weekly check-ins with my counselor for six weeks", (1, 3), [
           ("student", "Keep a short feelings journal"),
           ("counselor", "Check in on Tuesdays"),
           ("guardian", "Talk at dinner about how the week went"),
           ("other", "Lunch group on Thursdays", "School social worker (Ms. Rahman)"),
       ]),
    _i("personal", "Keep all my grades at C or better so I stay eligible for {sport} all season.",
       "Eligibility list every two weeks", (2, 5), [
           ("other", "Check my name on the eligibility list every two weeks", "Coach {coach}"),
           ("student", "Go to study hall before practice"),
           ("teacher", "Tell me early when my grade slips"),
       ], when="athlete"),
    _i("personal", "Get at least 8 hours of sleep on school nights, phone off by 10:30.",
       "Sleep log for four weeks", (1, 2), [
           ("student", "Charge my phone in the kitchen at night"),
           ("guardian", "Remind me at 10:15"),
       ]),
    _i("personal", "Speak up in class at least once a day, in any class.",
       "Tally in my notebook, checked with my counselor weekly", (1, 3), [
           ("student", "Write one question before class to ask"),
           ("teacher", "Call on me when I raise my hand first"),
           ("counselor", "Look at my tally every Friday"),
       ]),
    _i("personal", "Volunteer 20 hours this year at the {place}.", "Signed volunteer hour log",
       (5, 9), [
           ("student", "Sign up for Saturday shifts"),
           ("guardian", "Drive me on Saturday mornings"),
           ("other", "Sign my hours log", "Volunteer coordinator ({place})"),
       ], grades=(8, 12)),
    # Postsecondary
    _i("postsecondary", "Make my four-year high school plan with {counselor} before spring "
       "course registration.", "Four-year plan saved and signed by my family", (2, 5), [
           ("counselor", "Go over the graduation requirements with me"),
           ("student", "Pick my electives for grade 9"),
           ("guardian", "Come to the grade 8 family night"),
       ], grades=(8, 8)),
    _i("postsecondary", "Find out which high school classes lead to jobs like {careers} by "
       "{by}.", "A list of classes added to my plan", (1, 4), [
           ("student", "Read the course catalog pages for the pathway"),
           ("counselor", "Show me the CTE pathways at the high school"),
           ("teacher", "Let me visit a pathway class"),
       ], grades=(6, 9)),
    _i("postsecondary", "Visit one college or training program campus by {by}.",
       "Visit done and notes in my folder", (2, 7), [
           ("student", "Sign up for the campus tour"),
           ("guardian", "Come with me on the tour"),
           ("counselor", "Give me a list of questions to ask"),
       ], grades=(8, 11)),
    _i("postsecondary", "Apply to {n_colleges} colleges by {by}, including {school}.",
       "Applications submitted and confirmation emails", (1, 4), [
           ("student", "Finish my personal essay draft"),
           ("teacher", "Write a letter of recommendation"),
           ("counselor", "Send my transcript and the school report"),
           ("guardian", "Go over what each college costs together"),
       ], grades=(12, 12), when="four_year"),
    _i("postsecondary", "Finish the FAFSA by {by} so I can get financial aid.",
       "FAFSA confirmation page", (1, 3), [
           ("guardian", "Gather last year's tax forms"),
           ("student", "Create my FSA ID"),
           ("counselor", "Help at FAFSA night"),
           ("other", "Answer our questions about aid", "Financial aid office (Valley CC)"),
       ], grades=(12, 12)),
    _i("postsecondary", "Get accepted into the {program} by {by}.",
       "Application in, aptitude test passed, interview done", (3, 8), [
           ("student", "Study for the aptitude test: algebra and reading"),
           ("teacher", "Write a reference for my application"),
           ("mentor", "Practice the interview with me"),
           ("other", "Show me the training center", "Apprenticeship coordinator (Mr. Haines)"),
       ], grades=(11, 12), when="apprenticeship"),
    _i("postsecondary", "Score 50 or higher on the ASVAB by {by}.", "ASVAB AFQT score",
       (2, 6), [
           ("student", "Do an ASVAB practice test every weekend"),
           ("other", "Meet with me and my family", "Army recruiter (SFC Morales)"),
           ("guardian", "Come to the recruiter meeting"),
           ("counselor", "Sign me up for the ASVAB at school"),
       ], grades=(11, 12), when="military"),
    _i("postsecondary", "Apply to {program} and finish the placement test by {by}.",
       "Application, placement test and orientation done", (2, 6), [
           ("student", "Fill out the online application"),
           ("counselor", "Help me sign up for the placement test"),
           ("other", "Walk me through orientation", "Admissions (Valley Community College)"),
           ("guardian", "Come to the new-student night"),
       ], grades=(11, 12), when="college_program"),
    _i("postsecondary", "Earn 6 college credits through dual enrollment before graduation.",
       "College credits on my transcript", (6, 12), [
           ("counselor", "Sign me up for the dual-credit English class"),
           ("student", "Buy or borrow the textbook"),
           ("teacher", "Write the dual-credit recommendation"),
       ], grades=(10, 12), when="four_year"),
    _i("postsecondary", "Apply for at least 3 scholarships by {by}.",
       "Scholarship applications submitted", (2, 5), [
           ("student", "Make a list of local scholarships and deadlines"),
           ("counselor", "Share the scholarship bulletin with me"),
           ("teacher", "Write a short recommendation"),
           ("guardian", "Help me with the financial part of the forms"),
       ], grades=(11, 12)),
)  # fmt: skip

VAGUE: dict[str, tuple[str, ...]] = {
    "academic": (
        "Do better in school.",
        "Get my grades up.",
        "Try harder in math this year.",
        "Work on my reading.",
    ),
    "career": ("Figure out what I want to be.", "Look at more careers.", "Get a job."),
    "personal": ("Be more organized.", "Make more friends.", "Stress less about school."),
    "postsecondary": (
        "Go to college.",
        "Figure out what to do after high school.",
        "Make a good plan for after graduation.",
    ),
}
DROPPED_REASONS: dict[str, tuple[str, ...]] = {
    "academic": (
        "Switched out of the class at the semester.",
        "Replaced with a clearer goal at the fall review.",
        "Changed classes at the semester; a new goal is set.",
    ),
    "career": (
        "Changed career interest after the job shadow; new goal set.",
        "The program was not offered this year.",
    ),
    "personal": (
        "The club stopped meeting this year.",
        "Chose to focus on grades this semester.",
        "An injury ended the season.",
    ),
    "postsecondary": (
        "Decided on a different path after talking with family.",
        "The trip fell through; trying again in the spring.",
        "Replaced with a more specific goal.",
    ),
}
NOTES: dict[str, tuple[str, ...]] = {
    "not_started": (
        "Goal set at the fall meeting; first check-in in two weeks.",
        "Talked it over with family at conferences; starting after the break.",
    ),
    "on_track": (
        "Checked in at lunch: on track and proud of it.",
        "Progress report shows the grade going up.",
        "Met with the counselor: keep going, next check-in in three weeks.",
        "Turned in every assignment this week.",
        "First step done; the rest is scheduled.",
    ),
    "at_risk": (
        "Missed the last two sessions; the bus schedule changed.",
        "Grade dropped after the unit test; we made a new plan.",
        "Called home; family will help with reminders.",
        "Has not started yet; set a new date together.",
    ),
    "done": (
        "Reached the goal! Celebrated at conferences with the family.",
        "Done ahead of the date.",
        "Finished. Talked about what the next goal should be.",
    ),
    "dropped": (
        "Decided together to set this aside; see the reason.",
        "Chose a different path; a new goal is in the plan.",
    ),
}

# --- Postsecondary ------------------------------------------------------------------------------

ASPIRATIONS: dict[str, tuple[str, ...]] = {
    "four_year": (
        "I want to be the first in my family to finish college, maybe in {major}.",
        "I want to study {major} at a university. Jobs like {careers} sound right for me.",
        "College is the plan. I'm thinking {major}, but I'm still looking at schools.",
        "My mom says an education is something nobody can take from you. I want a degree in "
        "{major}.",
        "Go to a university, study {major}, and come back to help my community.",
    ),
    "two_year": (
        "Start at community college to save money, then transfer to a university.",
        "Get my associate degree and start working in jobs like {careers}.",
        "A two-year program close to home, so I can keep helping my family.",
    ),
    "apprenticeship": (
        "I want to earn while I learn. An apprenticeship pays from the first day.",
        "Get into a union apprenticeship after graduation and have my journeyman card by 25.",
        "I like working with my hands. A trade like {careers} is a good living.",
    ),
    "military": (
        "Join the Army like my uncle, and use the GI Bill for college later.",
        "Serve in the Navy and get trained in electronics.",
        "I want the structure and the training. The Air Force is my first choice.",
    ),
    "workforce": (
        "Start working full time after graduation and save for my own place.",
        "Work at the family business and learn how to run it someday.",
        "Get a steady job right away; I can take classes later if I need them.",
    ),
    "certificate": (
        "Get my certificate, start working, and keep going to school part time.",
        "A short training program so I can work in jobs like {careers} soon after graduation.",
        "Finish a certificate at the technical college and get a job in town.",
    ),
    "undecided": (
        "I don't know yet. I like {like}, so maybe something with that.",
        "Still figuring it out. I want a job where I help people.",
        "My parents want me to go to college. I'm not sure what I want yet.",
        "Something outdoors, I think. Or with animals.",
        "",
    ),
}
PATHWAY_TARGETS: dict[str, tuple[tuple[str, str], ...]] = {
    "apprenticeship": (
        ("program", "IBEW apprenticeship (local union)"),
        ("program", "Carpenters apprenticeship (regional council)"),
        ("program", "Plumbers and pipefitters apprenticeship (UA local)"),
        ("employer", "Summit Electric (pre-apprentice helper)"),
    ),
    "military": (
        ("employer", "U.S. Army"),
        ("employer", "U.S. Navy"),
        ("employer", "U.S. Air Force"),
        ("employer", "Army National Guard"),
        ("employer", "U.S. Marine Corps"),
    ),
    "workforce": (
        ("employer", "Fresh Foods Market"),
        ("employer", "Mercy General Hospital (patient transport)"),
        ("employer", "City Parks and Recreation"),
        ("employer", "Regional distribution center"),
        ("employer", "Family business"),
    ),
    "certificate": (
        ("program", f"CNA certificate, {COMMUNITY_COLLEGE}"),
        ("program", f"Medical assistant certificate, {TECH_COLLEGE}"),
        ("program", f"Welding certificate, {TECH_COLLEGE}"),
        ("program", "Cosmetology license, Bella Beauty Academy"),
        ("program", "Commercial driver's license (CDL) training"),
        ("program", f"Culinary arts certificate, {COMMUNITY_COLLEGE}"),
    ),
    "two_year": (
        ("program", f"Nursing, {COMMUNITY_COLLEGE}"),
        ("program", f"Associate of Arts (transfer), {COMMUNITY_COLLEGE}"),
        ("program", f"Automotive technology, {TECH_COLLEGE}"),
        ("program", f"Computer networking, {COMMUNITY_COLLEGE}"),
        ("program", f"Early childhood education, {COMMUNITY_COLLEGE}"),
    ),
}
CTE_TARGETS: dict[str, tuple[str, str]] = {
    "Health Science": ("program", f"Nursing, {COMMUNITY_COLLEGE}"),
    "Information Technology": ("program", f"Computer networking, {COMMUNITY_COLLEGE}"),
    "Manufacturing": ("program", f"Welding certificate, {TECH_COLLEGE}"),
    "Hospitality and Tourism": ("program", f"Culinary arts certificate, {COMMUNITY_COLLEGE}"),
    "Architecture and Construction": ("program", "Carpenters apprenticeship (regional council)"),
    "Transportation, Distribution and Logistics": (
        "program",
        f"Automotive technology, {TECH_COLLEGE}",
    ),
    "Education and Training": ("program", f"Early childhood education, {COMMUNITY_COLLEGE}"),
}
TARGET_NOTES = (
    "Application due January 15.",
    "Open house in March.",
    "My cousin goes there.",
    "Has the program I want.",
    "Close to home.",
    "Ask about the scholarship for first-generation students.",
)
# (kind, role, what, who, first grade, last grade): the steps of a postsecondary plan.
PLAN_STEPS: dict[str, tuple[tuple[str, str, str, str, int, int], ...]] = {
    "four_year": (
        ("visit", "guardian", "Go to the college fair together", "", 9, 12),
        ("visit", "student", "Campus tour at {school}", "", 10, 12),
        ("admission_test", "student", "Register for the SAT", "", 11, 12),
        ("admission_test", "counselor", "Request an SAT fee waiver", "", 11, 12),
        ("other", "student", "Make a list of colleges with my counselor", "", 11, 11),
        ("admission_test", "student", "Send my SAT scores to my colleges", "", 12, 12),
        ("application", "student", "Submit the application to {school}", "", 12, 12),
        ("application", "teacher", "Write a letter of recommendation", "", 12, 12),
        ("application", "counselor", "Send the transcript and school report", "", 12, 12),
        ("financial_aid", "guardian", "Gather last year's tax forms for the FAFSA", "", 12, 12),
        ("financial_aid", "student", "Submit the FAFSA", "", 12, 12),
        ("financial_aid", "student", "Apply for the Rotary Club scholarship", "", 12, 12),
        ("other", "mentor", "Read my personal essay draft", "", 12, 12),
    ),
    "two_year": (
        ("visit", "student", "Tour the programs at {college}", "", 9, 12),
        ("other", "counselor", "Sign me up for a dual-credit class", "", 10, 11),
        ("application", "student", "Apply to {college}", "", 12, 12),
        ("admission_test", "student", "Take the college placement test", "", 12, 12),
        ("financial_aid", "student", "Submit the FAFSA", "", 12, 12),
        ("financial_aid", "guardian", "Apply for the Promise Program (free tuition)", "", 12, 12),
        ("other", "other", "New-student orientation", "Admissions (Valley CC)", 12, 12),
    ),
    "apprenticeship": (
        ("visit", "student", "Tour the union training center", "", 10, 12),
        ("other", "teacher", "Sign off on my OSHA 10 card", "", 10, 12),
        ("other", "guardian", "Find my birth certificate and Social Security card", "", 11, 12),
        ("admission_test", "student", "Take the apprenticeship aptitude test", "", 12, 12),
        ("application", "student", "Submit the apprenticeship application", "", 12, 12),
    ),
    "military": (
        ("admission_test", "student", "Take the ASVAB at school", "", 10, 12),
        ("other", "other", "Meet with me and my family", "Army recruiter (SFC Morales)", 11, 12),
        ("other", "guardian", "Come to the recruiter meeting", "", 11, 12),
        ("other", "student", "Get a physical and an eye exam", "", 12, 12),
    ),
    "workforce": (
        ("visit", "other", "Job fair at the career center", "Career center (Mr. Ibarra)", 9, 12),
        ("other", "counselor", "Help me get my work permit", "", 10, 11),
        ("other", "student", "Build my resume", "", 11, 12),
        ("application", "student", "Apply to three jobs", "", 12, 12),
    ),
    "certificate": (
        ("visit", "student", "Tour the program", "", 10, 12),
        ("admission_test", "student", "Take the entrance test", "", 12, 12),
        ("application", "student", "Apply to the {program}", "", 12, 12),
        ("financial_aid", "counselor", "Ask about the WIOA training grant", "", 12, 12),
        ("financial_aid", "student", "Submit the FAFSA", "", 12, 12),
    ),
    "undecided": (
        ("visit", "student", "Go to the college and career fair", "", 8, 12),
        ("other", "student", "Take the interest inventory again", "", 8, 12),
        ("admission_test", "student", "Take the PSAT 10 in the spring", "", 10, 10),
        ("other", "counselor", "Talk through the options after high school", "", 10, 12),
        ("financial_aid", "guardian", "Go to FAFSA night to learn how aid works", "", 11, 12),
    ),
}
