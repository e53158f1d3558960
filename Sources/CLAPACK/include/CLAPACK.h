// CLAPACK: the LAPACK and reference-BLAS routines CausalKit calls, declared by their Fortran symbols.
//
// Conventions (the gfortran ABI used by Debian's liblapack/libblas and by OpenBLAS):
//   - every argument is passed by pointer;
//   - integers are 32-bit (LP64 builds, not ILP64);
//   - every CHARACTER argument adds one trailing `size_t` length argument, in order.
// Only the routines used are declared. Linking against `-llapack -lblas` lets an installed
// OpenBLAS take over at run time through Debian's alternatives, with no code change.
#ifndef CAUSALKIT_CLAPACK_H
#define CAUSALKIT_CLAPACK_H

#include <stddef.h>

typedef int ck_int;

// MARK: BLAS level 1-3

double ddot_(const ck_int *n, const double *x, const ck_int *incx, const double *y, const ck_int *incy);

void dgemv_(const char *trans, const ck_int *m, const ck_int *n, const double *alpha,
            const double *a, const ck_int *lda, const double *x, const ck_int *incx,
            const double *beta, double *y, const ck_int *incy, size_t trans_len);

void dgemm_(const char *transa, const char *transb, const ck_int *m, const ck_int *n,
            const ck_int *k, const double *alpha, const double *a, const ck_int *lda,
            const double *b, const ck_int *ldb, const double *beta, double *c, const ck_int *ldc,
            size_t transa_len, size_t transb_len);

void dsyrk_(const char *uplo, const char *trans, const ck_int *n, const ck_int *k,
            const double *alpha, const double *a, const ck_int *lda, const double *beta,
            double *c, const ck_int *ldc, size_t uplo_len, size_t trans_len);

void dtrsm_(const char *side, const char *uplo, const char *transa, const char *diag,
            const ck_int *m, const ck_int *n, const double *alpha, const double *a,
            const ck_int *lda, double *b, const ck_int *ldb, size_t side_len, size_t uplo_len,
            size_t transa_len, size_t diag_len);

// MARK: LAPACK

void dgeqp3_(const ck_int *m, const ck_int *n, double *a, const ck_int *lda, ck_int *jpvt,
             double *tau, double *work, const ck_int *lwork, ck_int *info);

void dormqr_(const char *side, const char *trans, const ck_int *m, const ck_int *n,
             const ck_int *k, const double *a, const ck_int *lda, const double *tau, double *c,
             const ck_int *ldc, double *work, const ck_int *lwork, ck_int *info,
             size_t side_len, size_t trans_len);

void dtrtrs_(const char *uplo, const char *trans, const char *diag, const ck_int *n,
             const ck_int *nrhs, const double *a, const ck_int *lda, double *b, const ck_int *ldb,
             ck_int *info, size_t uplo_len, size_t trans_len, size_t diag_len);

void dpotrf_(const char *uplo, const ck_int *n, double *a, const ck_int *lda, ck_int *info,
             size_t uplo_len);

void dpotri_(const char *uplo, const ck_int *n, double *a, const ck_int *lda, ck_int *info,
             size_t uplo_len);

void dgetrf_(const ck_int *m, const ck_int *n, double *a, const ck_int *lda, ck_int *ipiv,
             ck_int *info);

void dgecon_(const char *norm, const ck_int *n, const double *a, const ck_int *lda,
             const double *anorm, double *rcond, double *work, ck_int *iwork, ck_int *info,
             size_t norm_len);

void dsyevd_(const char *jobz, const char *uplo, const ck_int *n, double *a, const ck_int *lda,
             double *w, double *work, const ck_int *lwork, ck_int *iwork, const ck_int *liwork,
             ck_int *info, size_t jobz_len, size_t uplo_len);

#endif
