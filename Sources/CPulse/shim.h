#ifndef SAMPLETOK_CPULSE_SHIM_H
#define SAMPLETOK_CPULSE_SHIM_H

#include <pulse/pulseaudio.h>
#include <pulse/error.h>
#include <pulse/sample.h>

/* PA_SAMPLE_FLOAT32NE is a macro alias Swift cannot import. */
static inline pa_sample_format_t shim_pa_sample_float32ne(void) { return PA_SAMPLE_FLOAT32NE; }

#endif
