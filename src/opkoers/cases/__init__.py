"""Cases (trajecten): registration, the process state and its transitions, the case
team, intake (brede vraagverheldering with ZRM and Participatieladder), results and
closing with evaluation."""
