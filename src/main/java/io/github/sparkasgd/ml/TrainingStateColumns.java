package io.github.sparkasgd.ml;

import io.github.sparkasgd.optim.TrainingState;
import java.util.Arrays;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A model's {@link TrainingState} as nullable columns of its saved Parquet row. Models saved before
 * they kept a state lack the columns and load with none (a warm start from them restarts the schedule).
 */
public final class TrainingStateColumns {
  private static final String EPOCHS = "trainedEpochs";
  private static final String STEP_SIZE = "stepSize";
  private static final String AUTOMATIC_STEP = "automaticStep";

  private TrainingStateColumns() {}

  /** {@code schema} with the state's columns appended. */
  public static StructType addTo(StructType schema) {
    return schema.add(EPOCHS, DataTypes.DoubleType, true)
        .add(STEP_SIZE, DataTypes.DoubleType, true)
        .add(AUTOMATIC_STEP, DataTypes.BooleanType, true);
  }

  /** {@code values} followed by the state's columns (nulls for no state). */
  public static Object[] append(Object[] values, TrainingState state) {
    Object[] row = Arrays.copyOf(values, values.length + 3);
    if (state != null) {
      row[values.length] = state.epochs();
      row[values.length + 1] = state.stepSize();
      row[values.length + 2] = state.automaticStep();
    }
    return row;
  }

  /** The state a saved row holds; null when it has none. */
  public static TrainingState read(Row row) {
    if (!Arrays.asList(row.schema().fieldNames()).contains(EPOCHS) || row.isNullAt(row.fieldIndex(EPOCHS))) {
      return null;
    }
    return new TrainingState(row.getDouble(row.fieldIndex(EPOCHS)), row.getDouble(row.fieldIndex(STEP_SIZE)),
        row.getBoolean(row.fieldIndex(AUTOMATIC_STEP)));
  }
}
