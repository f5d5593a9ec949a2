// The entry points ml/svm/libsvm/instance.ts calls: train on a dense row-major matrix that the host
// wrote into this module's memory, then read the fitted numbers straight from the model.
#include <stddef.h>
#include <stdlib.h>
#include "svm.h"

#define EXPORT(name) extern "C" __attribute__((export_name(#name)))

// libsvm allocates its solver objects with new/delete: no C++ runtime is linked, malloc serves.
void *operator new(size_t n) { return malloc(n); }
void *operator new[](size_t n) { return malloc(n); }
void operator delete(void *p) noexcept { free(p); }
void operator delete[](void *p) noexcept { free(p); }
void operator delete(void *p, size_t) noexcept { free(p); }
void operator delete[](void *p, size_t) noexcept { free(p); }
extern "C" void __cxa_pure_virtual() { __builtin_trap(); }

static const char *last_error = NULL;

EXPORT(svm_alloc) void *svm_alloc(size_t bytes) { return malloc(bytes); }
EXPORT(svm_dealloc) void svm_dealloc(void *p) { free(p); }

/** Why the last svm_fit returned no model (libsvm's svm_check_parameter message). */
EXPORT(svm_error) const char *svm_error() { return last_error; }

/**
 * Trains on rows × cols doubles at X with targets y (class labels or values). Returns the model, or
 * NULL with svm_error() set. `seed` seeds rand(), which only the probability folds draw from, so a
 * fit never depends on the fits before it in the same instance. The model points into X: keep X
 * until the model is freed.
 */
EXPORT(svm_fit) svm_model *svm_fit(const double *X, double *y, int rows, int cols, int svm_type, int kernel_type,
                                   int degree, double gamma, double coef0, double C, double tol, double epsilon,
                                   int shrinking, int probability, double cache_mb, unsigned seed)
{
	svm_problem prob;
	prob.l = rows;
	prob.y = y;
	prob.x = (svm_node **)malloc(sizeof(svm_node *) * (rows > 0 ? rows : 1));
	for (int i = 0; i < rows; i++) prob.x[i] = (svm_node *)(X + (size_t)i * cols);
	svm_parameter param = {};
	param.svm_type = svm_type;
	param.kernel_type = kernel_type;
	param.degree = degree;
	param.gamma = gamma;
	param.coef0 = coef0;
	param.cache_size = cache_mb;
	param.eps = tol;
	param.C = C;
	param.p = epsilon;
	param.shrinking = shrinking;
	param.probability = probability;
	param.dim = cols;
	last_error = svm_check_parameter(&prob, &param);
	svm_model *model = NULL;
	if (!last_error) {
		srand(seed);
		model = svm_train(&prob, &param);
	}
	// The model keeps row pointers of its own (into X), not this array.
	free(prob.x);
	return model;
}

EXPORT(model_nr_class) int model_nr_class(const svm_model *m) { return m->nr_class; }
EXPORT(model_l) int model_l(const svm_model *m) { return m->l; }
/** Row k of the (nr_class − 1) × l dual coefficients. */
EXPORT(model_sv_coef) const double *model_sv_coef(const svm_model *m, int k) { return m->sv_coef[k]; }
EXPORT(model_rho) const double *model_rho(const svm_model *m) { return m->rho; }
EXPORT(model_prob_a) const double *model_prob_a(const svm_model *m) { return m->probA; }
EXPORT(model_prob_b) const double *model_prob_b(const svm_model *m) { return m->probB; }
EXPORT(model_label) const int *model_label(const svm_model *m) { return m->label; }
EXPORT(model_nsv) const int *model_nsv(const svm_model *m) { return m->nSV; }
/** 1-based training row of each support vector. */
EXPORT(model_sv_indices) const int *model_sv_indices(const svm_model *m) { return m->sv_indices; }
EXPORT(model_free) void model_free(svm_model *m) { svm_free_and_destroy_model(&m); }
