/**
 * Training and fine-tuning in TensorFlow Java on the same graph builders as inference: {@link
 * org.restorej.train.TrainingGraph} (loss, gradients, AdamW), {@link org.restorej.train.Trainer} (schedules,
 * patches, validation, checkpoints), export of the result as a model folder ({@link
 * org.restorej.train.TrainedModelExport}), the test-set evaluation and the demo.
 */
package org.restorej.train;
