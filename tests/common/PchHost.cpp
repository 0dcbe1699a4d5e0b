// Compiles the test programs' shared precompiled header (tests/CMakeLists.txt); never run.
int main()
{
    return 0;
}
