# The hand-written MFA device, the hand-written login throttle (now django-axes) and the
# temporary-password flag (now invitations) go, after 0007 moved what was worth keeping.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0007_move_mfa_secrets_to_totp_device'),
    ]

    operations = [
        migrations.DeleteModel(
            name='LoginThrottle',
        ),
        migrations.RemoveField(
            model_name='user',
            name='must_change_password',
        ),
        migrations.DeleteModel(
            name='MfaDevice',
        ),
    ]
