"""`suivi schedule`: the daily job as a Windows scheduled task or a crontab line.

    spec      parse --heure and --jours; Schedule, TimeOfDay, ScheduleError
    windows   Task Scheduler XML, schtasks commands, mapped drive → UNC
    cron      crontab line with a marker comment (python-crontab)
    launchers Lancer_suivi.bat / lancer_suivi.sh written by the installers
    service   request → plan, with the machine's edges injectable (Environment)
"""
