/** Classical denoisers that the bundled models are measured against. */
package org.restorej.classical;
