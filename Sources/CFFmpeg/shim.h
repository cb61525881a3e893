#ifndef SAMPLETOK_CFFMPEG_SHIM_H
#define SAMPLETOK_CFFMPEG_SHIM_H

#include <libavformat/avformat.h>
#include <libavformat/avio.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/channel_layout.h>
#include <libavutil/error.h>
#include <libavutil/opt.h>
#include <libavutil/tx.h>
#include <libavutil/mem.h>
#include <libavutil/log.h>
#include <libavutil/hash.h>
#include <libswresample/swresample.h>

/* Function-like and compound-literal macros Swift cannot import. */
static inline int shim_AVERROR(int e) { return AVERROR(e); }
static inline int shim_AVERROR_EOF(void) { return AVERROR_EOF; }
static inline int shim_AVERROR_EAGAIN(void) { return AVERROR(EAGAIN); }
static inline int shim_AVERROR_INVALIDDATA(void) { return AVERROR_INVALIDDATA; }
static inline int shim_AVERROR_STREAM_NOT_FOUND(void) { return AVERROR_STREAM_NOT_FOUND; }
static inline int shim_AVERROR_DECODER_NOT_FOUND(void) { return AVERROR_DECODER_NOT_FOUND; }
static inline int64_t shim_AV_NOPTS_VALUE(void) { return AV_NOPTS_VALUE; }
static inline AVRational shim_AV_TIME_BASE_Q(void) { AVRational q = AV_TIME_BASE_Q; return q; }
static inline AVChannelLayout shim_layout_stereo(void) { AVChannelLayout l = AV_CHANNEL_LAYOUT_STEREO; return l; }
static inline AVChannelLayout shim_layout_mono(void) { AVChannelLayout l = AV_CHANNEL_LAYOUT_MONO; return l; }

/* av_err2str uses a compound literal; this writes the message into buf. */
static inline const char *shim_av_err2str(int err, char *buf, size_t len) {
    return av_make_error_string(buf, len, err);
}

/* The AVFrame data planes as a pointer (Swift imports data[] as a tuple). */
static inline uint8_t **shim_frame_planes(AVFrame *frame) { return frame->extended_data; }

#endif
