// Present only so that SwiftPM builds the CLAPACK target; the declarations live in the header
// and the definitions in the system's LAPACK and BLAS libraries.
#include "CLAPACK.h"
