#include <ode/ode.h>
#include <stdarg.h>
#include <stdio.h>

/// Called with ODE's formatted message when ODE fails; implemented in Swift (module Sim, `ODELibrary`).
void jepalab_ode_failed(int number, const char *message);

static inline void jepalab_ode_message(int number, const char *format, va_list arguments) {
    char text[512];
    vsnprintf(text, sizeof text, format, arguments);
    jepalab_ode_failed(number, text);
}

/// Routes ODE's error and debug (internal assertion) messages to `jepalab_ode_failed` instead of aborting.
static inline void jepalab_install_ode_failure_handlers(void) {
    dSetErrorHandler(jepalab_ode_message);
    dSetDebugHandler(jepalab_ode_message);
}
