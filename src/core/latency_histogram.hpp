// Latency percentiles of warehouse_fdw_stats from a fixed-size, mergeable
// histogram: buckets grow by 2^(1/8) from 0.05 ms, so a percentile read as
// its bucket's geometric middle is within 2^(1/16) - 1 = 4.4% of the true
// value (nearest-rank definition), from 0.05 ms to about 3.5 hours; below and
// above, the recorded min and max bound the answer. Plain data: it lives in
// shared memory and in the stats file.
#pragma once
#include "core/pure_zone.hpp"

#include <cmath>
#include <cstdint>

namespace wfdw {

struct LatencyHistogram {
  static constexpr int kBuckets = 224;
  static constexpr double kMinMs = 0.05;
  static constexpr double kStepsPerOctave = 8;
  // Largest relative error of a percentile inside the covered range.
  static double relative_error() { return std::exp2(1 / (2 * kStepsPerOctave)) - 1; }

  uint32_t counts[kBuckets];

  static int bucket(double ms) {
    if (!(ms > kMinMs)) return 0;
    double b = 1 + std::floor(std::log2(ms / kMinMs) * kStepsPerOctave);
    return b >= kBuckets - 1 ? kBuckets - 1 : static_cast<int>(b);
  }
  // The value a bucket stands for: the geometric middle of its bounds.
  static double middle(int b) {
    if (b == 0) return kMinMs;
    return kMinMs * std::exp2((b - 0.5) / kStepsPerOctave);
  }
  void clear() {
    for (uint32_t &c : counts) c = 0;
  }
  void add(double ms) {
    uint32_t &c = counts[bucket(ms)];
    if (c != UINT32_MAX) ++c;
  }
  void merge(const LatencyHistogram &o) {
    for (int i = 0; i < kBuckets; i++) {
      uint64_t sum = static_cast<uint64_t>(counts[i]) + o.counts[i];
      counts[i] = sum > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(sum);
    }
  }
  // The p-th percentile (0 < p <= 1) by nearest rank, clamped to [lo, hi]
  // (the recorded min and max); -1 when empty.
  double percentile(double p, double lo, double hi) const {
    uint64_t n = 0;
    for (uint32_t c : counts) n += c;
    if (n == 0) return -1;
    uint64_t rank = static_cast<uint64_t>(std::ceil(p * static_cast<double>(n)));
    if (rank < 1) rank = 1;
    uint64_t seen = 0;
    int b = 0;
    for (; b < kBuckets; b++) {
      seen += counts[b];
      if (seen >= rank) break;
    }
    double v = middle(b < kBuckets ? b : kBuckets - 1);
    if (v < lo) v = lo;
    if (v > hi) v = hi;
    return v;
  }
};

}  // namespace wfdw
