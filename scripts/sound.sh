#!/bin/sh
# Makes sure a PulseAudio server answers before `make run` opens the app, so a newcomer hears
# the demo loops:
#   - a server that answers `pactl info` (the desktop's, PULSE_SERVER's) is used as it is;
#   - else a user-mode daemon is started for this user (`pulseaudio --start`: the machine's sound
#     card, or a dummy output where there is none), stopped with `pulseaudio --kill`;
#   - where that cannot start (no pulseaudio, a container without a session), one line says
#     how to get sound. The app runs either way, and picks the sound up when it comes (it
#     tries again every few seconds).
# Prints nothing when sound already works. Never fails: sound is not needed to run the app.

if ! command -v pactl >/dev/null 2>&1 || ! command -v pulseaudio >/dev/null 2>&1; then
	echo "sound: PulseAudio is not installed; for sound: apt-get install pulseaudio pulseaudio-utils (then make run again)"
	exit 0
fi
pactl info >/dev/null 2>&1 && exit 0
if [ -n "$PULSE_SERVER" ]; then
	echo "sound: nothing answers at PULSE_SERVER=$PULSE_SERVER; start that server, or unset PULSE_SERVER for a local one"
	exit 0
fi

# As root (a container, a server) PulseAudio runs in user mode with a warning; without a
# session, XDG_RUNTIME_DIR may be unset: then libpulse keeps its socket under ~/.config/pulse.
pulseaudio --start --exit-idle-time=-1 --log-target=syslog >/dev/null 2>&1
tries=0
while ! pactl info >/dev/null 2>&1 && [ $tries -lt 20 ]; do
	sleep 0.1
	tries=$((tries + 1))
done
if pactl info >/dev/null 2>&1; then
	sink=$(pactl info 2>/dev/null | sed -n 's/^Default Sink: //p')
	echo "sound: started a PulseAudio for you (output: ${sink:-none}); stop it with: pulseaudio --kill"
else
	echo "sound: no PulseAudio could be started here; the app runs without sound (start one with: pulseaudio --start, or set PULSE_SERVER)"
fi
exit 0
