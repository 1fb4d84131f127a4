/* Independent FMA peak probe, fp32 and fp64: GCC vector extensions at the width the
 * compiler targets (-march / -mno-avx512f pick it: 64 bytes with AVX-512, 32 with AVX,
 * 16 otherwise), OpenMP threads.  Each thread runs ACC independent vector FMA chains
 * (enough to hide the FMA latency on two ports, few enough for 16 registers); prints
 * GFLOP/s (10^9) of the best of REPEATS runs.
 * Build with -O3 -ffp-contract=fast -fopenmp and the ISA flags of the regime to compare.
 * Usage: fma_peak [iterations]   (threads from OMP_NUM_THREADS) */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(__AVX512F__)
#define VBYTES 64
#elif defined(__AVX__)
#define VBYTES 32
#else
#define VBYTES 16
#endif
#define ACC 12
#define REPEATS 7

typedef float vf __attribute__((vector_size(VBYTES)));
typedef double vd __attribute__((vector_size(VBYTES)));

#define DEFINE_RUN(NAME, V, T)                                                        \
    static double NAME(long iters, double *sink) {                                   \
        double t0 = omp_get_wtime();                                                 \
        _Pragma("omp parallel")                                                      \
        {                                                                            \
            V acc[ACC];                                                              \
            const V m = (V){0} + (T)0.9999, c = (V){0} + (T)1e-4;                    \
            for (int k = 0; k < ACC; k++)                                            \
                acc[k] = (V){0} + (T)(1.0 + 0.001 * k + omp_get_thread_num());       \
            for (long i = 0; i < iters; i++) {                                       \
                _Pragma("GCC unroll 12")                                             \
                for (int k = 0; k < ACC; k++) acc[k] = acc[k] * m + c;               \
            }                                                                        \
            V s = acc[0];                                                            \
            for (int k = 1; k < ACC; k++) s += acc[k];                               \
            sink[omp_get_thread_num()] = (double)s[0]; /* keeps the loop alive */    \
        }                                                                            \
        return omp_get_wtime() - t0;                                                 \
    }
DEFINE_RUN(run_f32, vf, float)
DEFINE_RUN(run_f64, vd, double)

static void report(const char *name, double (*run)(long, double *), long iters, int lanes) {
    int threads = omp_get_max_threads();
    double *sink = calloc(threads, sizeof(double));
    double best = 1e30;
    run(iters / 10, sink); /* warm-up: thread start, clock ramp */
    for (int r = 0; r < REPEATS; r++) {
        double t = run(iters, sink);
        if (t < best) best = t;
    }
    double flops = 2.0 * lanes * ACC * (double)iters * threads;
    printf("%s threads=%d vector_bits=%d gflops=%.1f (best of %d, sink %.3g)\n", name, threads,
           8 * VBYTES, flops / best / 1e9, REPEATS, sink[0]);
    free(sink);
}

int main(int argc, char **argv) {
    long iters = argc > 1 ? atol(argv[1]) : 20000000L;
    report("fma_peak_fp32", run_f32, iters, VBYTES / 4);
    report("fma_peak_fp64", run_f64, iters, VBYTES / 8);
    return 0;
}
