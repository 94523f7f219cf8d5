import java.io.BufferedReader;
import java.io.InputStreamReader;

public class Main {
  public static void main(String[] args) throws Exception {
    String line = new BufferedReader(new InputStreamReader(System.in)).readLine();
    String name = line == null || line.isBlank() ? "world" : line.strip();
    for (int step = 1; step <= 3; step++) {
      System.out.println("Hello, " + name + "! (" + step + "/3)");
      Thread.sleep(500);
    }
  }
}
