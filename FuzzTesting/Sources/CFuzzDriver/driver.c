// Empty translation unit: the target only exports CFuzzDriver.h to Swift.
#include "CFuzzDriver.h"
