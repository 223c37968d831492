/**
 * What a person reads: plots (XChart, rendered headless to PNG) and the validation report
 * (HTML, JSON, CSV). Takes results, never files of simulations.
 */
package org.loupe.report;
