/* Independent fp32 FMA peak probe: AVX-512 intrinsics, OpenMP threads.
 * Each thread runs ACC independent zmm FMA chains (enough to hide the FMA
 * latency on two ports); prints GFLOP/s (10^9) of the best of REPEATS runs.
 * Usage: fma_peak [iterations]   (threads from OMP_NUM_THREADS) */
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#define ACC 12
#define REPEATS 7

static double run(long iters, float *sink) {
    double t0 = omp_get_wtime();
#pragma omp parallel
    {
        __m512 acc[ACC];
        const __m512 m = _mm512_set1_ps(0.9999f), c = _mm512_set1_ps(1e-4f);
        for (int k = 0; k < ACC; k++) acc[k] = _mm512_set1_ps(1.0f + 0.001f * k + omp_get_thread_num());
        for (long i = 0; i < iters; i++) {
#pragma GCC unroll 12
            for (int k = 0; k < ACC; k++) acc[k] = _mm512_fmadd_ps(acc[k], m, c);
        }
        __m512 s = acc[0];
        for (int k = 1; k < ACC; k++) s = _mm512_add_ps(s, acc[k]);
        sink[omp_get_thread_num()] = _mm512_reduce_add_ps(s);  /* keeps the loop alive */
    }
    return omp_get_wtime() - t0;
}

int main(int argc, char **argv) {
    long iters = argc > 1 ? atol(argv[1]) : 20000000L;
    int threads = omp_get_max_threads();
    float *sink = calloc(threads, sizeof(float));
    double best = 1e30;
    run(iters / 10, sink); /* warm-up: thread start, clock ramp */
    for (int r = 0; r < REPEATS; r++) {
        double t = run(iters, sink);
        if (t < best) best = t;
    }
    double flops = 2.0 * 16 * ACC * (double)iters * threads;
    printf("fma_peak_fp32 threads=%d gflops=%.1f (best of %d, sink %.3g)\n", threads, flops / best / 1e9,
           REPEATS, sink[0]);
    free(sink);
    return 0;
}
