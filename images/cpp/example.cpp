#include <chrono>
#include <iostream>
#include <string>
#include <thread>

int main() {
  std::string name;
  if (!std::getline(std::cin, name) || name.empty()) name = "world";
  for (int step = 1; step <= 3; ++step) {
    std::cout << "Hello, " << name << "! (" << step << "/3)" << std::endl;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}
