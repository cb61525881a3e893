#ifndef SAMPLETOK_CRUBBERBAND_SHIM_H
#define SAMPLETOK_CRUBBERBAND_SHIM_H

/* Rubber Band's C API (librubberband-dev): time-stretching and pitch-shifting, used in its
   real-time mode by Playback's TimeStretcher only. */
#include <rubberband/rubberband-c.h>

#endif
