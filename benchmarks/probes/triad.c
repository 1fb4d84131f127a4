/* Independent bandwidth probe: OpenMP STREAM triad a = b + s*c in fp32.
 * DRAM: arrays total >= 4x the last-level cache given in bytes (argv[1]); best of N
 * after a discarded first run.  Then, for every further argument, a cache-level point:
 * that many bytes of arrays in all (each thread its own third of a, b, c), passed over
 * repeatedly inside one parallel region (no fork per pass), best of 5.
 * Bytes counted: 12 per element (no write-allocate).
 * Usage: triad LLC_BYTES [runs] [WORKING_SET_BYTES ...] */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    double llc = argc > 1 ? atof(argv[1]) : 480.0 * 1024 * 1024;
    int runs = argc > 2 ? atoi(argv[2]) : 6;
    long n = (long)(4.0 * llc / 12.0) + 1;
    float *a = malloc(n * sizeof(float)), *b = malloc(n * sizeof(float)), *c = malloc(n * sizeof(float));
    if (!a || !b || !c) { fprintf(stderr, "out of memory\n"); return 1; }
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) { a[i] = 0.0f; b[i] = 1.0f; c[i] = 2.0f; } /* first touch */
    const float s = 0.5f;
    double best = 1e30;
    for (int r = 0; r <= runs; r++) {
        double t0 = omp_get_wtime();
#pragma omp parallel for schedule(static)
        for (long i = 0; i < n; i++) a[i] = b[i] + s * c[i];
        double t = omp_get_wtime() - t0;
        if (r > 0 && t < best) best = t;   /* r == 0 is discarded */
    }
    printf("triad threads=%d array_bytes_total=%.0f gbs=%.1f (best of %d after a discarded run; check %g)\n",
           omp_get_max_threads(), 12.0 * n, 12.0 * n / best / 1e9, runs, (double)a[n / 2]);
    free(a); free(b); free(c);
    for (int arg = 3; arg < argc; arg++) {
        double ws = atof(argv[arg]);
        int threads = omp_get_max_threads();
        long per = (long)(ws / 12.0 / threads) / 16 * 16;
        if (per < 16) per = 16;
        long trips = (long)(4e9 / (12.0 * per * threads)) + 1;
        double best_ws = 1e30;
        for (int r = 0; r < 6; r++) {
            double t0 = 0, t1 = 0;
#pragma omp parallel
            {
                float *x = aligned_alloc(64, 3 * per * sizeof(float));
                float *xa = x, *xb = x + per, *xc = x + 2 * per;
                for (long i = 0; i < per; i++) { xa[i] = 0.0f; xb[i] = 1.0f; xc[i] = 2.0f; }
#pragma omp barrier
#pragma omp master
                t0 = omp_get_wtime();
                for (long t = 0; t < trips; t++) {
                    for (long i = 0; i < per; i++) xa[i] = xb[i] + s * xc[i];
                    __asm__ volatile("" : : "r"(xa) : "memory");
                }
#pragma omp barrier
#pragma omp master
                t1 = omp_get_wtime();
                free(x);
            }
            if (r > 0 && t1 - t0 < best_ws) best_ws = t1 - t0;
        }
        printf("triad_ws threads=%d working_set_bytes=%.0f gbs=%.1f\n", threads,
               12.0 * per * threads, 12.0 * per * threads * trips / best_ws / 1e9);
    }
    return 0;
}
