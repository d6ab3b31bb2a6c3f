"""Cases (trajecten): registration, the process state and its transitions, the case
team, intake (brede vraagverheldering with ZRM and Participatieladder), results and
closing with evaluation; and the case-scoped pages of the apps cases depends on
(residents, consent), which reach the case through access.py."""
